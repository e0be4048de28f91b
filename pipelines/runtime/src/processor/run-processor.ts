// Runs a processor on a bus: one subscription per lane (control topics on their own lane so
// hang-ups and barge-ins never queue behind audio), outputs published and acknowledged before
// the batch's offsets are committed.
import type { Bus, InboundBatch, Producer, Subscription } from '../bus/port';
import type { Logger } from '../logger';
import { CONTROL_TOPIC_KEYS, type TopicKey, type TopicNames } from '../topics';
import { ProcessorCore, type CoreOptions } from './core';
import type { Processor } from './processor';

export interface RunProcessorOptions {
  readonly bus: Bus;
  readonly topics: TopicNames;
  readonly logger: Logger;
  /** Consumer group; defaults to `sb.<processor name>`. */
  readonly groupId?: string;
  readonly concurrency?: number;
  readonly core?: Partial<Pick<CoreOptions, 'maxAttempts' | 'retryBaseDelayMs'>>;
  readonly onFatal?: (err: Error) => void;
}

export interface RunningProcessor<S> {
  readonly core: ProcessorCore<S>;
  /** Drain: stop fetching, finish and commit in-flight batches, flush the producer. */
  stop(): Promise<void>;
}

export async function runProcessor<S>(processor: Processor<S>, opts: RunProcessorOptions): Promise<RunningProcessor<S>> {
  const core = new ProcessorCore(processor, { topics: opts.topics, logger: opts.logger, ...opts.core });
  const producer: Producer = await opts.bus.createProducer();
  const groupId = opts.groupId ?? `sb.${processor.name}`;
  const control = processor.inputs.filter((k) => CONTROL_TOPIC_KEYS.has(k));
  const data = processor.inputs.filter((k) => !CONTROL_TOPIC_KEYS.has(k));
  await opts.bus.ensureTopics([...new Set([...processor.inputs.map((k) => opts.topics[k]), opts.topics.dlq])]);

  const onBatch = async (batch: InboundBatch): Promise<void> => {
    const out = [];
    for (const record of batch.records) out.push(...(await core.processRecord(record)));
    if (out.length > 0) await producer.send(out);
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
  opts.logger.info('processor running', { processor: processor.name, groupId, lanes: subs.length });

  return {
    core,
    stop: async () => {
      await Promise.all(subs.map((s) => s.stop()));
      await producer.close();
      opts.logger.info('processor drained', { processor: processor.name, handled: core.stats.handled, deadLettered: core.stats.deadLettered });
    },
  };
}
