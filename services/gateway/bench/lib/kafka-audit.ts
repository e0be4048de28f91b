// Counts what actually reached Kafka: every audio record of a topic up to its end, with the
// frames it carries; optionally keeps the raw records (the kcat reference replays them).
import { decodeEnvelope } from '@switchboard/runtime';
import { Kafka, logLevel } from 'kafkajs';

export interface RawRecord {
  readonly key: Buffer;
  readonly value: Buffer;
}

export interface AuditResult {
  readonly records: number;
  readonly frames: number;
  readonly kept: readonly RawRecord[];
}

export async function auditAudioTopic(brokers: readonly string[], topic: string, keep: boolean, groupId: string): Promise<AuditResult> {
  const kafka = new Kafka({ clientId: 'sb-bench-audit', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<number, number>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) if (Number(p.high) > 0) ends.set(p.partition, Number(p.high));
  } finally {
    await admin.disconnect();
  }
  let records = 0;
  let frames = 0;
  const kept: RawRecord[] = [];
  if (ends.size === 0) return { records, frames, kept };
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 5000, maxWaitTimeInMs: 100, maxBytes: 64 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${topic} not read to its end within 120 s`)); }, 120_000);
      consumer.run({
        eachBatch: ({ batch }) => {
          const end = ends.get(batch.partition);
          for (const m of batch.messages) {
            if (end === undefined || Number(m.offset) >= end || m.value === null) continue;
            records++;
            frames += decodeEnvelope(m.value).audio?.frameCount ?? 0;
            if (keep) kept.push({ key: m.key ?? Buffer.alloc(0), value: m.value });
          }
          if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) ends.delete(batch.partition);
          if (ends.size === 0) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return { records, frames, kept };
}

export async function createTopic(brokers: readonly string[], topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({ clientId: 'sb-bench-admin', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }] });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopicsWithPrefix(brokers: readonly string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'sb-bench-admin', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

export async function topicRecordCount(brokers: readonly string[], topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'sb-bench-admin', brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
