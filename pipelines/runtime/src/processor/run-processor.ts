// Runs a processor on a bus: one subscription per lane (control topics on their own lane so
// hang-ups and barge-ins never queue behind audio). Within a batch, conversations run in
// parallel and each conversation's events in order; a conversation's outputs are acknowledged
// by the log, relayed to its live call (actions) and its checkpoint saved before the batch's
// offsets are committed.
import type { Bus, InboundBatch, InboundRecord, OutboundRecord, Producer, Subscription } from '../bus/port';
import { CALL_ACTION_HEADER } from '../envelope';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { StateStore } from '../state/state-store';
import { CONTROL_TOPIC_KEYS, TOPIC_KEYS, type TopicKey, type TopicNames } from '../topics';
import { ProcessorCore, type CoreOptions } from './core';
import type { Processor } from './processor';

/** Delivers a just-published action envelope to its live call (the NATS control plane). */
export interface CallControlPublisher {
  publishRawToCall(conversationId: string, envelopeBytes: Uint8Array): Promise<void>;
}

export interface RunProcessorOptions {
  readonly bus: Bus;
  readonly topics: TopicNames;
  readonly logger: Logger;
  /** Consumer group; defaults to `sb.<processor name>`. */
  readonly groupId?: string;
  readonly concurrency?: number;
  readonly core?: Partial<Pick<CoreOptions, 'maxAttempts' | 'retryBaseDelayMs'>>;
  /** Required when the processor checkpoints its state; loaded before consuming starts. */
  readonly stateStore?: StateStore;
  /** Emitted actions the call carries out (say, ask, transfer, hang up) also go to it once the log acknowledged them. */
  readonly callControl?: CallControlPublisher;
  readonly onFatal?: (err: Error) => void;
}

export interface RunningProcessor<S> {
  readonly core: ProcessorCore<S>;
  /** Drain: stop fetching, finish and commit in-flight batches, flush the producer. */
  stop(): Promise<void>;
}

function byConversation(records: readonly InboundRecord[]): Map<string, InboundRecord[]> {
  const groups = new Map<string, InboundRecord[]>();
  for (const r of records) {
    let list = groups.get(r.key);
    if (!list) groups.set(r.key, (list = []));
    list.push(r);
  }
  return groups;
}

export async function runProcessor<S>(processor: Processor<S>, opts: RunProcessorOptions): Promise<RunningProcessor<S>> {
  if (processor.checkpoint && !opts.stateStore) throw new Error(`processor ${processor.name} checkpoints its state: a stateStore is required`);
  const core = new ProcessorCore(processor, { topics: opts.topics, logger: opts.logger, ...opts.core });
  if (processor.checkpoint && opts.stateStore) core.restore(await opts.stateStore.load());
  const producer: Producer = await opts.bus.createProducer();
  const groupId = opts.groupId ?? `sb.${processor.name}`;
  const control = processor.inputs.filter((k) => CONTROL_TOPIC_KEYS.has(k));
  const data = processor.inputs.filter((k) => !CONTROL_TOPIC_KEYS.has(k));
  // Every platform topic, not only the inputs: a processor may emit any kind, and a send to a
  // topic that does not exist yet would retry until it times out (auto-creation is off).
  await opts.bus.ensureTopics(TOPIC_KEYS.map((k) => opts.topics[k]));

  const fatal = (err: unknown): never => {
    // Events were applied to in-memory state but their outputs or checkpoint may be missing:
    // redelivery would skip them as duplicates, so only a restart (from the checkpoint) is safe.
    const error = err instanceof Error ? err : new Error(errorMessage(err));
    opts.logger.error('outputs not stored after events were applied, restart required', { processor: processor.name, error: error.message });
    opts.onFatal?.(error);
    throw error;
  };

  const deliver = async (conversationId: string, out: readonly OutboundRecord[]): Promise<void> => {
    try {
      if (out.length > 0) await producer.send(out);
      // Both need only the log's acknowledgement, so they overlap: the live call hears its
      // actions while the checkpoint is written. Each control-plane publish is queued in call
      // order when called (the awaits are only for the server's confirmation).
      const control = opts.callControl;
      const relayed = control ? out.filter((r) => r.headers?.[CALL_ACTION_HEADER] === '1').map((r) => control.publishRawToCall(conversationId, r.value)) : [];
      await Promise.all([...relayed, opts.stateStore?.save(core.takeCheckpoints([conversationId]))]);
    } catch (err) {
      fatal(err);
    }
  };

  // A checkpointing processor holds the conversation for the whole section (apply, publish,
  // save) so a checkpoint never holds effects whose outputs are not acknowledged yet; its
  // control events may wait behind a few data events of the same call. Others hold it per
  // record, so a hang-up overtakes the rest of an audio backlog.
  const runConversation = processor.checkpoint
    ? (conversationId: string, records: readonly InboundRecord[]): Promise<void> =>
        core.exclusive(conversationId, async () => {
          const out: OutboundRecord[] = [];
          for (const record of records) out.push(...(await core.processRecord(record)));
          await deliver(conversationId, out);
        })
    : async (conversationId: string, records: readonly InboundRecord[]): Promise<void> => {
        const out: OutboundRecord[] = [];
        for (const record of records) out.push(...(await core.exclusive(conversationId, () => core.processRecord(record))));
        await deliver(conversationId, out);
      };

  const onBatch = async (batch: InboundBatch): Promise<void> => {
    const groups = byConversation(batch.records);
    await Promise.all([...groups].map(([id, records]) => runConversation(id, records)));
  };
  const lane = (keys: TopicKey[], suffix: string): Promise<Subscription> =>
    opts.bus.subscribe({
      groupId: groupId + suffix,
      topics: keys.map((k) => opts.topics[k]),
      concurrency: opts.concurrency ?? 3,
      onBatch,
      ...(opts.onFatal ? { onFatal: opts.onFatal } : {}),
    });
  const subs: Subscription[] = [];
  if (data.length > 0) subs.push(await lane(data, ''));
  if (control.length > 0) subs.push(await lane(control, data.length > 0 ? '.control' : ''));
  opts.logger.info('processor running', { processor: processor.name, groupId, lanes: subs.length, restored: core.stats.restoredConversations });

  return {
    core,
    stop: async () => {
      await Promise.all(subs.map((s) => s.stop()));
      await producer.close();
      await opts.stateStore?.close();
      opts.logger.info('processor drained', { processor: processor.name, handled: core.stats.handled, deadLettered: core.stats.deadLettered });
    },
  };
}
