// The part of running a processor that does not depend on the bus: decode, dedup, keyed state,
// bounded retry of the handler, output envelopes, dead letters. runProcessor (Kafka/memory) and
// the test harness both drive this.
import type { Envelope } from '@switchboard/contracts';
import type { InboundRecord, OutboundRecord } from '../bus/port';
import { deadLetterRecord } from '../dlq';
import { CALL_ACTION_HEADER, decodeEnvelope, encodeEnvelope, EVENT_TYPE_HEADER, isCallAction, newEnvelope, payloadKind, TOPIC_OF_KIND, type Payload, type PayloadKind } from '../envelope';
import { errorMessage, isSwitchboardError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { TopicNames } from '../topics';
import type { StateEntry } from '../state/state-store';
import { CHECKPOINT_RECENT_IDS, decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec';
import { RecentIds } from './dedup';
import { derivedEventId } from './event-id';
import type { Processor, ProcessorContext } from './processor';

export interface CoreOptions {
  readonly topics: TopicNames;
  readonly logger: Logger;
  /** Attempts of the handler for one event before it is dead-lettered. */
  readonly maxAttempts?: number;
  readonly retryBaseDelayMs?: number;
}

export interface CoreStats {
  handled: number;
  skippedDuplicates: number;
  passedOver: number;
  deadLettered: number;
  restoredConversations: number;
}

export class ProcessorCore<S> {
  private readonly states = new Map<string, S>();
  private readonly seen = new RecentIds();
  /** Per conversation, the tail of its work: events of one conversation never run concurrently. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Checkpointing only: conversations changed since their last checkpoint, and their last event ids. */
  private readonly dirty = new Set<string>();
  private readonly recentIds = new Map<string, string[]>();
  readonly stats: CoreStats = { handled: 0, skippedDuplicates: 0, passedOver: 0, deadLettered: 0, restoredConversations: 0 };

  constructor(private readonly processor: Processor<S>, private readonly opts: CoreOptions) {}

  /** Live conversations with state (for tests and metrics). */
  stateOf(conversationId: string): S | undefined {
    return this.states.get(conversationId);
  }

  get liveConversations(): number {
    return this.states.size;
  }

  /**
   * Runs fn once every earlier exclusive() of the same conversation settled. Two lanes (control
   * and data) and parallel partitions may otherwise interleave async handlers of one conversation
   * and lose a state update.
   */
  exclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(conversationId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.then(() => undefined, () => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => { if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId); });
    return run;
  }

  /** Restores checkpointed conversations (before consuming); unreadable ones start afresh. */
  restore(saved: ReadonlyMap<string, Uint8Array>): void {
    const checkpoint = this.processor.checkpoint;
    if (!checkpoint) return;
    for (const [id, bytes] of saved) {
      try {
        const { state, recentIds } = decodeCheckpoint(checkpoint, bytes);
        this.states.set(id, state);
        this.recentIds.set(id, recentIds);
        for (const eventId of recentIds) this.seen.firstTime(eventId);
        this.stats.restoredConversations++;
      } catch (err) {
        this.opts.logger.warn('checkpoint unreadable, conversation starts afresh', { processor: this.processor.name, reason: errorMessage(err) });
      }
    }
  }

  /** Checkpoints of the given conversations that changed since their last one (tombstones for finished ones). */
  takeCheckpoints(conversationIds: Iterable<string>): StateEntry[] {
    const checkpoint = this.processor.checkpoint;
    if (!checkpoint) return [];
    const out: StateEntry[] = [];
    for (const id of conversationIds) {
      if (!this.dirty.delete(id)) continue;
      const state = this.states.get(id);
      out.push({ key: id, value: state === undefined ? null : encodeCheckpoint(checkpoint, state, this.recentIds.get(id) ?? []) });
    }
    return out;
  }

  /** Processes one inbound record; returns the records to publish (outputs or a dead letter). */
  async processRecord(record: InboundRecord): Promise<OutboundRecord[]> {
    let env: Envelope;
    try {
      env = decodeEnvelope(record.value);
    } catch (err) {
      return [this.deadLetter(record, isSwitchboardError(err) ? err.code : 'DECODE_FAILED', errorMessage(err))];
    }
    if (env.conversationId !== record.key) {
      return [this.deadLetter(record, 'INVALID_EVENT', 'record key differs from the envelope conversation_id')];
    }
    const kind = payloadKind(env)!;
    if (!this.processor.handles.has(kind)) {
      this.stats.passedOver++;
      return [];
    }
    if (!this.seen.firstTime(env.eventId)) {
      this.stats.skippedDuplicates++;
      return [];
    }
    const attempts = this.opts.maxAttempts ?? 3;
    let lastErr: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const out = await this.handleEvent(env);
        this.stats.handled++;
        return out;
      } catch (err) {
        lastErr = err;
        if (attempt < attempts) await delay((this.opts.retryBaseDelayMs ?? 20) * 2 ** (attempt - 1));
      }
    }
    this.opts.logger.warn('handler failed, event dead-lettered', { processor: this.processor.name, topic: record.topic, partition: record.partition, offset: record.offset });
    return [this.deadLetter(record, 'HANDLER_FAILED', `${this.processor.name} failed ${attempts} times: ${errorMessage(lastErr)}`)];
  }

  /** Runs the handler on a decoded event (the harness calls this directly). */
  async handleEvent(env: Envelope): Promise<OutboundRecord[]> {
    const id = env.conversationId;
    const before = this.states.get(id);
    let state = before ?? this.processor.initialState(id);
    let finished = false;
    const emitted: Envelope[] = [];
    const ctx: ProcessorContext<S> = {
      conversationId: id,
      tenantId: env.tenantId,
      get state() { return state; },
      setState: (next) => { state = next; },
      emit: <K extends PayloadKind>(kind: K, payload: Payload<K>) => {
        emitted.push(newEnvelope({
          tenantId: env.tenantId,
          conversationId: id,
          source: this.processor.name,
          eventId: derivedEventId(env.eventId, this.processor.name, emitted.length),
        }, kind, payload));
      },
      finish: () => { finished = true; },
      logger: this.opts.logger,
    };
    await this.processor.handle(env, ctx);
    // A state replaced with setState is kept only once the handler succeeded.
    if (finished) this.states.delete(id);
    else this.states.set(id, state);
    if (this.processor.checkpoint) this.noteApplied(id, env.eventId, finished);
    return emitted.map((e) => this.toRecord(e));
  }

  private noteApplied(conversationId: string, eventId: string, finished: boolean): void {
    this.dirty.add(conversationId);
    if (finished) {
      this.recentIds.delete(conversationId);
      return;
    }
    const ids = this.recentIds.get(conversationId) ?? [];
    ids.push(eventId);
    if (ids.length > CHECKPOINT_RECENT_IDS) ids.splice(0, ids.length - CHECKPOINT_RECENT_IDS);
    this.recentIds.set(conversationId, ids);
  }

  private toRecord(env: Envelope): OutboundRecord {
    const kind = payloadKind(env)!;
    const headers: Record<string, string> = { [EVENT_TYPE_HEADER]: kind };
    if (isCallAction(env)) headers[CALL_ACTION_HEADER] = '1';
    return { topic: this.opts.topics[TOPIC_OF_KIND[kind]], key: env.conversationId, value: encodeEnvelope(env), headers };
  }

  private deadLetter(record: InboundRecord, code: ErrorCode, reason: string): OutboundRecord {
    this.stats.deadLettered++;
    return deadLetterRecord(this.opts.topics.dlq, record, code, reason, this.processor.name);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
