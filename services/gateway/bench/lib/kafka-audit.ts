// Counts what actually reached Kafka: every audio record of a topic up to its end, with the
// frames it carries; optionally keeps the raw records (the kcat reference replays them).
import { decodeEnvelope } from '@switchboard/runtime';
import { readTopicsToEnd } from '@switchboard/testkit';
import { Kafka, logLevel, type Admin } from 'kafkajs';

export interface RawRecord {
  readonly key: Buffer;
  readonly value: Buffer;
}

export interface AuditResult {
  readonly records: number;
  readonly frames: number;
  readonly kept: readonly RawRecord[];
}

export async function auditAudioTopic(brokers: readonly string[], topic: string, keep: boolean): Promise<AuditResult> {
  let records = 0;
  let frames = 0;
  const kept: RawRecord[] = [];
  await readTopicsToEnd(brokers, [topic], (r) => {
    records++;
    frames += decodeEnvelope(r.value).audio?.frameCount ?? 0;
    if (keep) kept.push({ key: r.key, value: r.value });
  }, { timeoutMs: 120_000, maxBytes: 64 * 1024 * 1024 });
  return { records, frames, kept };
}

/** Runs fn with a connected kafkajs admin client, disconnected afterwards. */
async function withAdmin<T>(brokers: readonly string[], fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'sb-bench-admin', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

export function createTopic(brokers: readonly string[], topic: string, partitions: number): Promise<void> {
  return withAdmin(brokers, async (admin) => {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }] });
  });
}

export function deleteTopicsWithPrefix(brokers: readonly string[], prefix: string): Promise<void> {
  return withAdmin(brokers, async (admin) => {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  });
}

export function topicRecordCount(brokers: readonly string[], topic: string): Promise<number> {
  return withAdmin(brokers, async (admin) => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0));
}
