// Talks to a broker with kafkajs: "is it ready?" and the one-off pre-warm of the internal topics.
import { Kafka, logLevel } from 'kafkajs';
import { setTimeout as delay } from 'node:timers/promises';

export function brokerList(brokers: string): string[] {
  return brokers
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
}

/** One metadata round trip; resolves when the cluster has a broker and a controller. */
export async function describeKafkaOnce(brokers: string, timeoutMs = 3000): Promise<void> {
  const kafka = new Kafka({
    clientId: 'sb-testkit-probe',
    brokers: brokerList(brokers),
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 1000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('the cluster reports no brokers');
    if (cluster.controller === null) throw new Error('the cluster reports no controller');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface WaitForKafkaOptions {
  readonly brokers: string;
  readonly timeoutMs: number;
  /** Checked before every attempt; a string explains why waiting is pointless (process died). */
  readonly fatal?: () => string | undefined;
}

/** Polls describeCluster until it answers; rejects with the last error after the timeout. */
export async function waitForKafka(opts: WaitForKafkaOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: string;
  for (;;) {
    const fatal = opts.fatal?.();
    if (fatal !== undefined) throw new Error(fatal);
    try {
      await describeKafkaOnce(opts.brokers, Math.max(500, Math.min(3000, deadline - Date.now())));
      return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() >= deadline) {
      throw new Error(`Kafka at ${opts.brokers} did not answer metadata within ${opts.timeoutMs} ms (last error: ${last})`);
    }
    await delay(100);
  }
}

/**
 * Creates __consumer_offsets (describeGroups finds a group coordinator) and __transaction_state
 * (a transactional producer's InitProducerId, then one aborted transaction), so tests do not
 * see kafkajs's transient coordinator errors on a fresh broker.
 */
export async function prewarmKafka(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'sb-testkit-prewarm',
    brokers: brokerList(brokers),
    logLevel: logLevel.NOTHING,
    // Coordinators appear within ~0.2 s on a fresh broker: retry often instead of backing off.
    retry: { initialRetryTime: 50, maxRetryTime: 500, retries: 40 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    transactionalId: 'sb-testkit-prewarm',
    idempotent: true,
    maxInFlightRequests: 1,
  });
  try {
    await admin.connect();
    await admin.describeGroups(['sb-testkit-prewarm']);
    await producer.connect();
    const tx = await producer.transaction();
    await tx.abort();
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
