// Everything the platform published, read back from the bus like any consumer would: decoded
// envelopes per conversation in arrival order, with waits that resolve on the event itself (no
// polling). Used by the demo's timelines, the end-to-end tests and the pipeline benchmark.
import type { Envelope } from '@switchboard/contracts';
import type { Bus, Subscription } from '../bus/port';
import { decodeEnvelope, payloadKind, type PayloadKind } from '../envelope';
import { SwitchboardError } from '../errors';
import { TOPIC_KEYS, type TopicKey, type TopicNames } from '../topics';

export interface LoggedEvent {
  readonly envelope: Envelope;
  readonly kind: PayloadKind;
  /** When this reader saw it (performance.now()). */
  readonly seenAtMs: number;
}

interface Waiter {
  readonly conversationId: string;
  readonly match: (e: LoggedEvent) => boolean;
  readonly resolve: (e: LoggedEvent) => void;
}

export class EventLog {
  private readonly byConversation = new Map<string, LoggedEvent[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly seenIds = new Set<string>();
  private sub: Subscription | undefined;
  /** Records that were not envelopes (they would also be dead-lettered by the processors). */
  undecodable = 0;

  /**
   * Reads every topic but the dead-letter one (or those given: a benchmark leaves out audio) from
   * the beginning, in its own consumer group.
   */
  async start(bus: Bus, topics: TopicNames, groupId: string, only?: readonly TopicKey[]): Promise<void> {
    const names = (only ?? TOPIC_KEYS.filter((k) => k !== 'dlq')).map((k) => topics[k]);
    await bus.ensureTopics(names);
    this.sub = await bus.subscribe({
      groupId,
      topics: names,
      concurrency: 6,
      onBatch: (batch) => {
        for (const r of batch.records) this.add(r.value);
        return Promise.resolve();
      },
    });
  }

  private add(bytes: Uint8Array): void {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(bytes);
    } catch {
      this.undecodable++;
      return;
    }
    const kind = payloadKind(envelope);
    // A redelivered record (the reader's own group rebalanced) is the same event: counted once.
    if (kind === undefined || this.seenIds.has(envelope.eventId)) return;
    this.seenIds.add(envelope.eventId);
    const event: LoggedEvent = { envelope, kind, seenAtMs: performance.now() };
    let list = this.byConversation.get(envelope.conversationId);
    if (list === undefined) this.byConversation.set(envelope.conversationId, (list = []));
    list.push(event);
    for (const w of [...this.waiters]) {
      if (w.conversationId === envelope.conversationId && w.match(event)) {
        this.waiters.delete(w);
        w.resolve(event);
      }
    }
  }

  /** A conversation's events in arrival order (per topic in log order; topics interleave). */
  events(conversationId: string): readonly LoggedEvent[] {
    return this.byConversation.get(conversationId) ?? [];
  }

  conversations(): string[] {
    return [...this.byConversation.keys()];
  }

  /** Counts per payload kind of one conversation. */
  counts(conversationId: string): Partial<Record<PayloadKind, number>> {
    const out: Partial<Record<PayloadKind, number>> = {};
    for (const e of this.events(conversationId)) out[e.kind] = (out[e.kind] ?? 0) + 1;
    return out;
  }

  /**
   * Resolves with the first event of the conversation that matches, already seen or yet to come;
   * rejects after timeoutMs naming `what`.
   */
  waitFor(conversationId: string, match: (e: LoggedEvent) => boolean, what: string, timeoutMs = 30_000): Promise<LoggedEvent> {
    const found = this.events(conversationId).find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<LoggedEvent>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new SwitchboardError('DEADLINE_EXCEEDED', `no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { conversationId, match, resolve: (e) => { clearTimeout(timer); resolve(e); } };
      this.waiters.add(waiter);
    });
  }

  /** Resolves once `count` events of the conversation match (seen or to come). */
  async waitForCount(conversationId: string, match: (e: LoggedEvent) => boolean, count: number, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const have = this.events(conversationId).filter(match);
      if (have.length >= count) return;
      // Wait for the next match after those already seen.
      const seen = new Set(have);
      await this.waitFor(conversationId, (e) => match(e) && !seen.has(e), `${what} (${have.length} of ${count} so far)`, Math.max(1, deadline - performance.now()));
    }
  }

  async stop(): Promise<void> {
    await this.sub?.stop();
    this.sub = undefined;
  }
}
