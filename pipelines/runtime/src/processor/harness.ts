// Runs a processor without a bus: feed envelopes, read back the envelopes it emitted and its
// per-conversation state. The same ProcessorCore as production runs underneath.
import { DeadLetter, type Envelope } from '@switchboard/contracts';
import { decodeEnvelope, encodeEnvelope, newEnvelope, payloadKind, TOPIC_OF_KIND, type EnvelopeHeader, type Payload, type PayloadKind } from '../envelope';
import { createLogger, type Logger } from '../logger';
import { topicNames, type TopicKey } from '../topics';
import { MemoryStateStore } from '../state/state-store';
import { ProcessorCore } from './core';
import type { Processor } from './processor';

export type HarnessOutput =
  | { readonly topic: Exclude<TopicKey, 'dlq'>; readonly envelope: Envelope }
  | { readonly topic: 'dlq'; readonly deadLetter: DeadLetter };

export class ProcessorHarness<S> {
  readonly core: ProcessorCore<S>;
  private readonly topics = topicNames();
  private offset = 0;
  private readonly touched = new Set<string>();

  constructor(private readonly processor: Processor<S>, private readonly logger: Logger = createLogger('harness', 'warn')) {
    this.core = new ProcessorCore(processor, { topics: this.topics, logger, retryBaseDelayMs: 1 });
  }

  /**
   * A checkpointing processor's crash and restart: a fresh harness (fresh core, nothing in
   * memory) restored from the checkpoints this one would have saved so far.
   */
  async restartFromCheckpoints(store: MemoryStateStore = new MemoryStateStore()): Promise<ProcessorHarness<S>> {
    await store.save(this.core.takeCheckpoints(this.touched));
    const next = new ProcessorHarness(this.processor, this.logger);
    next.core.restore(await store.load());
    return next;
  }

  /** Sends envelopes through the processor in order; returns what it emitted (dead letters included). */
  async run(...events: Envelope[]): Promise<HarnessOutput[]> {
    const out: HarnessOutput[] = [];
    for (const env of events) {
      this.touched.add(env.conversationId);
      const kind = payloadKind(env);
      out.push(...(await this.runRaw(kind ? this.topics[TOPIC_OF_KIND[kind]] : this.topics.calls, env.conversationId, encodeEnvelope(env))));
    }
    return out;
  }

  /** Sends raw record bytes (for malformed-input tests). */
  async runRaw(topic: string, key: string, value: Uint8Array): Promise<HarnessOutput[]> {
    const out: HarnessOutput[] = [];
    {
      const records = await this.core.processRecord({
        topic,
        partition: 0,
        offset: String(this.offset++),
        key,
        value: Buffer.from(value),
        headers: {},
        timestampMs: Date.now(),
      });
      for (const r of records) {
        const key = (Object.keys(this.topics) as TopicKey[]).find((k) => this.topics[k] === r.topic)!;
        out.push(key === 'dlq' ? { topic: key, deadLetter: DeadLetter.decode(r.value) } : { topic: key, envelope: decodeEnvelope(r.value) });
      }
    }
    return out;
  }

  stateOf(conversationId: string): S | undefined {
    return this.core.stateOf(conversationId);
  }
}

/** Builds a test envelope with sensible defaults. */
export function testEvent<K extends PayloadKind>(kind: K, payload: Payload<K>, header: Partial<EnvelopeHeader> = {}): Envelope {
  return newEnvelope({ tenantId: header.tenantId ?? 'test', conversationId: header.conversationId ?? 'conv-1', source: header.source ?? 'test', ...header }, kind, payload);
}
