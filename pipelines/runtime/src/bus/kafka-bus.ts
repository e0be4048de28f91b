// Kafka adapter of the bus port (kafkajs). Producer: idempotent, acks=all, records lingered into
// batches. Consumer: per-batch processing, offsets resolved and committed only after onBatch.
import { Kafka, logLevel, type Admin, type Consumer, type KafkaConfig, type Producer as KjsProducer } from 'kafkajs';
import type { Logger } from '../logger';
import { Closers } from './closers';
import { ensureKafkaTopics } from './kafka-topics';
import { CoalescingProducer } from './coalescing-producer';
import type { Bus, InboundRecord, OutboundRecord, Producer, ProducerOptions, SubscribeOptions, Subscription } from './port';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly partitions: number;
  readonly logger: Logger;
  /** Fast group (re)joins for tests; production keeps kafkajs-like defaults. */
  readonly fastGroups?: boolean;
}

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private admin: Admin | undefined;
  private readonly closers = new Closers();

  constructor(private readonly opts: KafkaBusOptions) {
    const log = opts.logger;
    const config: KafkaConfig = {
      clientId: opts.clientId,
      brokers: [...opts.brokers],
      connectionTimeout: 3000,
      requestTimeout: 30000,
      logLevel: logLevel.WARN,
      logCreator: () => ({ level, namespace, log: entry }) => {
        // Only kafkajs' own message text: it never carries record contents.
        const message = typeof entry.message === 'string' ? entry.message : 'kafkajs event';
        const cause = typeof entry.error === 'string' ? entry.error : undefined;
        const fields = { kafkaLevel: level, namespace, cause };
        // kafkajs logs every error response of a connection at ERROR, retriable ones included
        // (a leader moving, a new topic propagating); it retries them itself and real failures
        // reach callers as thrown errors, so those lines are debug.
        if (namespace === 'Connection') log.debug(`kafka: ${message}`, fields);
        else if (level <= logLevel.ERROR) log.error(`kafka: ${message}`, fields);
        else log.warn(`kafka: ${message}`, fields);
      },
    };
    this.kafka = new Kafka(config);
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    await ensureKafkaTopics(await this.getAdmin(), topics, this.opts.partitions);
  }

  async createProducer(options: ProducerOptions = {}): Promise<Producer> {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const p = new CoalescingProducer({ send: (records) => sendBatch(producer, records), close: () => producer.disconnect() }, { lingerMs: options.lingerMs ?? 2 });
    return { send: (records) => p.send(records), close: this.closers.add(() => p.close()) };
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const fast = this.opts.fastGroups === true;
    const consumer: Consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: fast ? 6000 : 30000,
      heartbeatInterval: fast ? 500 : 3000,
      rebalanceTimeout: fast ? 5000 : 60000,
      maxWaitTimeInMs: options.fetch?.maxWaitTimeInMs ?? (fast ? 100 : 500),
      maxBytesPerPartition: options.fetch?.maxBytesPerPartition ?? 4 * 1024 * 1024,
      ...(options.fetch?.maxBytes === undefined ? {} : { maxBytes: options.fetch.maxBytes }),
      ...(options.fetch?.minBytes === undefined ? {} : { minBytes: options.fetch.minBytes }),
    });
    let stopping = false;
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
    consumer.on(consumer.events.CRASH, (e) => {
      if (!e.payload.restart) options.onFatal?.(e.payload.error);
    });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (batch.messages.length === 0) return;
        const records: InboundRecord[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key ? m.key.toString('utf8') : '',
          value: m.value ?? Buffer.alloc(0),
          headers: flattenHeaders(m.headers),
          timestampMs: Number(m.timestamp),
        }));
        await options.onBatch({
          topic: batch.topic,
          partition: batch.partition,
          records,
          heartbeat: () => payload.heartbeat(),
          isStopping: () => stopping || !payload.isRunning() || payload.isStale(),
        });
        // Only now, with every output acknowledged, may the position move.
        payload.resolveOffset(batch.lastOffset());
        await payload.commitOffsetsIfNecessary();
      },
    });
    return {
      stop: this.closers.add(async () => {
        stopping = true;
        await consumer.disconnect();
      }),
    };
  }

  async close(): Promise<void> {
    await this.closers.closeAll();
    if (this.admin) await this.admin.disconnect();
    this.admin = undefined;
  }
}

function flattenHeaders(headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

/** One acknowledged (acks=all) produce request for records of any topics. */
async function sendBatch(producer: KjsProducer, records: readonly OutboundRecord[]): Promise<void> {
  const byTopic = new Map<string, { key: string; value: Buffer; headers?: Record<string, string> }[]>();
  for (const r of records) {
    let list = byTopic.get(r.topic);
    if (!list) byTopic.set(r.topic, (list = []));
    list.push({ key: r.key, value: Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength), ...(r.headers ? { headers: { ...r.headers } } : {}) });
  }
  await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
}
