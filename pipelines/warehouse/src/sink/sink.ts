// The Kafka → ClickHouse sink. One consumer group reads every topic (sb.dlq included); rows of
// many partition batches are gathered into one insert per table, and a batch counts as processed
// only after ClickHouse acknowledged the inserts holding its rows (and sb.dlq acknowledged its dead
// letters), so offsets are committed only after that. Delivery is at-least-once; the tables
// collapse copies of an event (ReplacingMergeTree on event_id).
//
// With `kafka` (what main.js runs) the sink uses its own consumer (src/kafka/): one group member
// that keeps fetching and decoding while inserts are in flight, its offsets following the
// acknowledgements in order per partition. Through the bus instead (no `kafka`: the in-memory bus,
// embedded uses), each batch waits for its inserts and `lanes` members overlap decoding with waiting.
import type { ClickHouseClient } from '@clickhouse/client';
import { deadLetterRecord, errorMessage, TOPIC_KEYS, type Bus, type FetchOptions, type InboundBatch, type Logger, type OutboundRecord, type Subscription, type TopicNames } from '@switchboard/runtime';
import type { BytesEncoding } from '../clickhouse/clients';
import { PipelinedConsumer } from '../kafka/pipelined-consumer';
import { clickHouseErrorText } from '../clickhouse/error-text';
import type { TableRow } from '../rows/table-row';
import { InsertGatherer } from './insert-gatherer';
import { createSinkMetrics, type SinkMetrics } from './metrics';
import { routeRecord } from './route-record';
import { createTableInserter } from './table-inserter';

export const WAREHOUSE_GROUP_ID = 'sb.warehouse';

export interface SinkOptions {
  readonly bus: Bus;
  readonly topics: TopicNames;
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly logger: Logger;
  readonly groupId?: string;
  /** Rows per insert and table at most (default 5000). */
  readonly batchMaxRows?: number;
  /** Longest a row waits to be batched (default 500 ms). */
  readonly batchMaxWaitMs?: number;
  /**
   * Partition batches processed at once (default 32). High on purpose: kafkajs hands a fetch's
   * batches to these slots and fetches again only when all are done, so the more slots, the more
   * batches share one insert.
   */
  readonly concurrency?: number;
  /**
   * Consuming through the bus: consumer-group members in this process (default 2), each with
   * its own partitions and inserts. A member fetches again only after every batch of a fetch is
   * done, so one member alternates between decoding and waiting for ClickHouse; two overlap them.
   */
  readonly lanes?: number;
  /** With the sink's own consumer (`kafka`): records decoded but not yet acknowledged, at most (default 10 × batchMaxRows). */
  readonly maxPendingRecords?: number;
  /** Consumer fetch sizes and waits (default: the consumer's). */
  readonly fetch?: FetchOptions;
  /**
   * The Kafka cluster, for the sink's own pipelined consumer (src/kafka/): it reads records in place
   * and keeps fetching while inserts are in flight. Without it the sink consumes through the bus.
   */
  readonly kafka?: SinkKafkaOptions;
  readonly bytesEncoding?: BytesEncoding;
  readonly insertMaxAttempts?: number;
  readonly insertRetryBaseDelayMs?: number;
  readonly metrics?: SinkMetrics;
  /** The consumer gave up after its own retries: the process should exit and be restarted. */
  readonly onFatal?: (err: Error) => void;
}

export interface SinkKafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Short group timeouts (tests, demos), as KAFKA_FAST_GROUPS. */
  readonly fastGroups?: boolean;
}

export interface RunningSink {
  readonly metrics: SinkMetrics;
  /** Stops consuming, inserts and commits what is in flight, closes the dead-letter producer. */
  stop(): Promise<void>;
}

/** When the batch's oldest record entered Kafka (its timestamp), for the max-wait clock. */
function oldestTimestamp(batch: InboundBatch): number {
  let oldest = Date.now();
  for (const r of batch.records) if (r.timestampMs > 0 && r.timestampMs < oldest) oldest = r.timestampMs;
  return oldest;
}

/** Keeps group membership while a batch waits for ClickHouse (kafkajs throttles the calls). */
const HEARTBEAT_EVERY_MS = 1000;

export async function startSink(opts: SinkOptions): Promise<RunningSink> {
  const groupId = opts.groupId ?? WAREHOUSE_GROUP_ID;
  const bytesEncoding = opts.bytesEncoding ?? 'raw';
  const metrics = opts.metrics ?? createSinkMetrics();
  const concurrency = opts.concurrency ?? 32;
  const log = opts.logger;
  const topics = TOPIC_KEYS.map((k) => opts.topics[k]);
  await opts.bus.ensureTopics(topics);
  // The dead-letter producer connects while the lanes join (it is rarely needed at once).
  const producerReady = opts.bus.createProducer();
  producerReady.catch(() => undefined); // awaited (and its failure thrown) below

  const insert = createTableInserter({
    client: opts.client,
    database: opts.database,
    metrics,
    logger: log,
    ...(opts.insertMaxAttempts === undefined ? {} : { maxAttempts: opts.insertMaxAttempts }),
    ...(opts.insertRetryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: opts.insertRetryBaseDelayMs }),
  });
  const maxRows = opts.batchMaxRows ?? 5000;
  const kafka = opts.kafka;
  const pipelined = kafka !== undefined;
  const laneCount = pipelined ? 1 : Math.max(1, opts.lanes ?? 2);
  const buffered = new Array<number>(laneCount).fill(0);
  const gatherers = buffered.map((_, lane) => new InsertGatherer({
    maxRows,
    maxWaitMs: opts.batchMaxWaitMs ?? 500,
    ...(pipelined ? {} : { concurrency }),
    insert,
    onBuffered: (rows) => {
      buffered[lane] = rows;
      metrics.bufferedRows.set(buffered.reduce((a, b) => a + b, 0));
    },
  }));

  /** Rows to insert and dead letters to publish for one batch; never throws. */
  const decode = (batch: InboundBatch): { rows: TableRow[]; dead: OutboundRecord[] } => {
    const rows: TableRow[] = [];
    const dead: OutboundRecord[] = [];
    const ctx = { dlqTopic: opts.topics.dlq, ingestedAtMs: Date.now(), bytes: bytesEncoding };
    for (const record of batch.records) {
      const routed = routeRecord(record, ctx);
      if (routed.ok) {
        rows.push(routed.row);
        continue;
      }
      metrics.deadLetters.inc({ code: routed.code });
      log.warn('record dead-lettered', { topic: record.topic, partition: record.partition, offset: record.offset, code: routed.code });
      dead.push(deadLetterRecord(opts.topics.dlq, record, routed.code, routed.reason, groupId));
    }
    return { rows, dead };
  };

  // Decoding and handing the rows in happen synchronously (before the first await), so a
  // pipelined consumer that does not wait for the result still has the batch in the gatherer.
  const onBatchOf = (gatherer: InsertGatherer) => async (batch: InboundBatch): Promise<void> => {
    gatherer.beginBatch();
    let decoded: { rows: TableRow[]; dead: OutboundRecord[] };
    try {
      decoded = decode(batch);
    } catch (err) {
      await gatherer.submit([]);
      throw err;
    }
    // A waiting consumer keeps its group membership meanwhile; a pipelined one heartbeats itself.
    const heartbeat = pipelined ? undefined : setInterval(() => {
      batch.heartbeat().catch((err: unknown) => { log.debug('heartbeat failed', { error: errorMessage(err) }); });
    }, HEARTBEAT_EVERY_MS);
    try {
      // Dead letters and rows are acknowledged before the batch counts as done: a crash in
      // between redelivers the batch (copies collapse), it never loses a record.
      await Promise.all([gatherer.submit(decoded.rows, oldestTimestamp(batch)), decoded.dead.length > 0 ? producerReady.then((p) => p.send(decoded.dead)) : undefined]);
    } catch (err) {
      metrics.batchesFailed.inc();
      log.warn('batch not stored, it will be redelivered', { topic: batch.topic, partition: batch.partition, records: batch.records.length, error: clickHouseErrorText(err) });
      throw err;
    } finally {
      clearInterval(heartbeat);
    }
  };

  const common = { groupId, topics, ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.onFatal ? { onFatal: opts.onFatal } : {}) };
  const subscribe = async (gatherer: InsertGatherer): Promise<Subscription> => {
    if (!kafka) return opts.bus.subscribe({ ...common, concurrency, onBatch: onBatchOf(gatherer) });
    const consumer = new PipelinedConsumer({ ...common, ...kafka, logger: log, onBatch: onBatchOf(gatherer), maxPendingRecords: opts.maxPendingRecords ?? 10 * maxRows });
    await consumer.start();
    return { stop: () => consumer.stop() };
  };
  // Lanes join together, so the group settles in one rebalance rather than one per lane.
  const joined = await Promise.allSettled(gatherers.map(subscribe));
  const subscriptions: Subscription[] = joined.flatMap((j) => (j.status === 'fulfilled' ? [j.value] : []));
  const [made] = await Promise.allSettled([producerReady]);
  const failed = joined.find((j) => j.status === 'rejected') ?? (made.status === 'rejected' ? made : undefined);
  if (failed || made.status === 'rejected') {
    await Promise.allSettled(subscriptions.map((sub) => sub.stop()));
    if (made.status === 'fulfilled') await made.value.close();
    throw failed?.reason;
  }
  const producer = made.value;
  log.info('warehouse sink running', { groupId, topics: topics.length, pipelined, lanes: laneCount, concurrency, database: opts.database });

  let stopped: Promise<void> | undefined;
  return {
    metrics,
    stop: () =>
      (stopped ??= (async () => {
        const leaving = Promise.all(subscriptions.map((sub) => sub.stop()));
        // Do not let in-flight batches sit out their max wait while the consumers drain.
        await Promise.all(gatherers.map((g) => g.flush()));
        await leaving;
        await Promise.all(gatherers.map((g) => g.flush()));
        await producer.close();
        log.info('warehouse sink drained');
      })()),
  };
}
