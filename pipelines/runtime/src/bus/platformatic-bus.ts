// Kafka adapter of the bus port on @platformatic/kafka 1.x (pure JS; 1.35.0 is the last line that
// supports Node 20, 2.x needs Node >= 22.22). Same semantics as KafkaBus (kafkajs):
// - producer: idempotent, acks=all, records lingered into batches; send() resolves once acknowledged;
//   keys placed with Kafka's default partitioner (murmur2, see partitioner.ts);
// - consumer: one group per subscribe; records queued per partition; up to `concurrency` partitions
//   processed in parallel, each strictly in order; a batch's offset is committed only after onBatch
//   resolved; onBatch throwing redelivers from the last committed offset.
//
// This file is the public entry (PlatformaticKafkaBus: topics, producer and subscription lifecycle); the
// parts live in platformatic/: serial-producer.ts (the producer), group-subscription.ts (the consumer),
// client-support.ts (shared helpers).
//
// Two properties of the library (1.35.0) shape the producer (platformatic/serial-producer.ts):
// - The idempotent producer reads each partition's sequence number when a request is built and
//   advances it only when the response arrives, so two concurrent send() calls reuse one sequence:
//   the broker then takes the second batch for a duplicate, acknowledges it and drops it (measured:
//   10 concurrent sends of 100 records -> 10 acks, 100 records on the log; upstream issue
//   platformatic/kafka#326). Here one produce request per producer is in flight at a time; records
//   arriving meanwhile form the next batch.
// - After a non-retriable produce error the idempotent session is never reset (platformatic/kafka#309),
//   so a failed send replaces the underlying producer (new producer id, sequences from 0).
//
// Redelivery (platformatic/group-subscription.ts): the library's MessagesStream has no per-partition
// seek. A failed batch drops every queued record, waits for the other partitions' in-flight batches to
// finish and commit, then opens a new stream in `committed` mode on the same group member (the topics
// stay tracked, so no rebalance) and closes the old one: every partition resumes from its last
// committed offset.
import { Admin, Consumer, ProduceAcks, Producer as PltProducer } from '@platformatic/kafka';
import { SwitchboardError } from '../errors';
import type { Logger } from '../logger';
import { Closers } from './closers';
import { forceClose, isTopicAlreadyExists, sleep, type ClientBase } from './platformatic/client-support';
import { GroupSubscription } from './platformatic/group-subscription';
import { SerialLingeringProducer } from './platformatic/serial-producer';
import type { Bus, Producer, ProducerOptions, SubscribeOptions, Subscription } from './port';

export interface PlatformaticKafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly partitions: number;
  readonly logger: Logger;
  /** Fast group (re)joins and short fetch waits for tests; production keeps kafkajs-like defaults. */
  readonly fastGroups?: boolean;
}

export class PlatformaticKafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private admin: Admin | undefined;
  private readonly closers = new Closers();
  private readonly base: ClientBase;

  constructor(private readonly opts: PlatformaticKafkaBusOptions) {
    if (!Number.isInteger(opts.partitions) || opts.partitions < 1) {
      throw new SwitchboardError('CONFIG_INVALID', `partitions must be a positive integer, got ${opts.partitions}`);
    }
    this.base = {
      clientId: opts.clientId,
      bootstrapBrokers: [...opts.brokers],
      connectTimeout: 3000,
      requestTimeout: 30000,
      retryDelay: 250,
    };
  }

  private getAdmin(): Admin {
    this.admin ??= new Admin({ ...this.base, clientId: `${this.opts.clientId}-admin` });
    return this.admin;
  }

  async ensureTopics(topics: readonly string[]): Promise<void> {
    if (topics.length === 0) return;
    const admin = this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      try {
        await admin.createTopics({ topics: missing, partitions: this.opts.partitions, replicas: -1 });
      } catch (err) {
        // A concurrent creator may have won the race; the metadata check below decides.
        if (!isTopicAlreadyExists(err)) throw err;
      }
    }
    // Like kafkajs' waitForLeaders: a topic is usable once every partition has a leader.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const meta = await admin.metadata({ topics: [...topics], forceUpdate: true });
      let leaderless = false;
      for (const name of topics) {
        const t = meta.topics.get(name);
        if (!t) {
          leaderless = true;
          continue;
        }
        if (t.partitionsCount !== this.opts.partitions) {
          throw new SwitchboardError('TOPIC_MISMATCH', `topic ${name} has ${t.partitionsCount} partitions, KAFKA_PARTITIONS is ${this.opts.partitions}: topics must be co-partitioned`);
        }
        if (t.partitions.some((p) => p.leader < 0)) leaderless = true;
      }
      if (!leaderless) return;
      if (Date.now() > deadline) throw new SwitchboardError('BUS_UNAVAILABLE', `topics ${topics.join(', ')} have no leader after 30 s`);
      await sleep(100);
    }
  }

  createProducer(options: ProducerOptions = {}): Promise<Producer> {
    const p = new SerialLingeringProducer(
      () => new PltProducer({
        ...this.base,
        idempotent: true,
        acks: ProduceAcks.ALL,
        autocreateTopics: false,
        // The broker's ack timeout for acks=all, like kafkajs' default.
        timeout: 30000,
      }),
      options.lingerMs ?? 2,
      this.opts.partitions,
      this.opts.logger,
    );
    return Promise.resolve({ send: (records) => p.send(records), close: this.closers.add(() => p.close()) });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const fast = this.opts.fastGroups === true;
    const consumer = new Consumer({
      ...this.base,
      clientId: `${this.opts.clientId}-${options.groupId}`,
      groupId: options.groupId,
      autocommit: false,
      sessionTimeout: fast ? 6000 : 30000,
      rebalanceTimeout: fast ? 6000 : 60000,
      heartbeatInterval: fast ? 500 : 3000,
      maxWaitTime: fast ? 100 : 500,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 16 * 1024 * 1024,
    });
    const sub = new GroupSubscription(consumer, options, fast, this.opts.logger);
    try {
      await sub.start();
    } catch (err) {
      await forceClose(consumer).catch(() => undefined);
      throw err;
    }
    return { stop: this.closers.add(() => sub.stop()) };
  }

  async close(): Promise<void> {
    await this.closers.closeAll();
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.close();
  }
}
