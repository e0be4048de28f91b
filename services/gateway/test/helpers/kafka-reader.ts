// Reads topics back from the beginning up to their end at the time of the call (each partition's
// high watermark), so a test can assert what was — and was not — published without sleeping.
import { decodeEnvelope } from '@switchboard/runtime';
import type { Envelope } from '@switchboard/contracts';
import { uniqueName } from '@switchboard/testkit';
import { Kafka, logLevel } from 'kafkajs';

export interface ReadRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly eventType: string;
  readonly envelope: Envelope;
}

const READ_TIMEOUT_MS = 30_000;

/**
 * A freshly created topic can briefly answer NOT_LEADER / UNKNOWN_TOPIC_OR_PARTITION on a busy
 * broker; kafkajs marks those retriable but its admin calls do not retry them.
 */
async function retryRetriable<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const retriable = typeof err === 'object' && err !== null && 'retriable' in err && err.retriable === true;
      if (!retriable || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Every record of `topics` up to their current end, ordered by (topic, partition, offset). */
export async function readTopics(brokers: readonly string[], topics: readonly string[]): Promise<ReadRecord[]> {
  const kafka = new Kafka({ clientId: uniqueName('gw_test_reader'), brokers: [...brokers], logLevel: logLevel.NOTHING });
  const ends = new Map<string, number>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      for (const p of await retryRetriable(() => admin.fetchTopicOffsets(topic))) {
        if (Number(p.high) > 0) ends.set(`${topic}/${p.partition}`, Number(p.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  const out: ReadRecord[] = [];
  if (ends.size === 0) return out;
  const consumer = kafka.consumer({ groupId: uniqueName('gw_test_reader'), sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 5000, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`topics not read to their end within ${READ_TIMEOUT_MS} ms`)); }, READ_TIMEOUT_MS);
      consumer.run({
        eachMessage: ({ topic, partition, message }) => {
          const key = `${topic}/${partition}`;
          const end = ends.get(key);
          const offset = Number(message.offset);
          if (end !== undefined && offset < end) {
            out.push({
              topic, partition, offset,
              key: message.key?.toString('utf8') ?? '',
              eventType: message.headers?.['sb-event-type']?.toString() ?? '',
              envelope: decodeEnvelope(message.value ?? Buffer.alloc(0)),
            });
            if (offset + 1 >= end) ends.delete(key);
          }
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
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset);
}

/** The records of one conversation on one topic, in log order (one partition per conversation). */
export function ofConversation(records: readonly ReadRecord[], topic: string, conversationId: string): ReadRecord[] {
  return records.filter((r) => r.topic === topic && r.envelope.conversationId === conversationId);
}
