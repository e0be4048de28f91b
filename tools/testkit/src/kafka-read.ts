// Reads topics from the beginning up to their end at the time of the call (each partition's high
// watermark), so tests and benchmarks can assert what was, and was not, written without sleeping.
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { uniqueName } from './test-env';

export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Buffer;
  readonly value: Buffer;
  /** The record's value was null (a compaction tombstone), not merely empty. */
  readonly tombstone: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ReadToEndOptions {
  readonly timeoutMs?: number;
  /** Bytes per fetch (large topics read faster with more). */
  readonly maxBytes?: number;
}

/** Calls onRecord for every record of `topics` up to their current end; per partition in log order. */
export async function readTopicsToEnd(brokers: readonly string[], topics: readonly string[], onRecord: (r: LogRecord) => void, opts: ReadToEndOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const kafka = new Kafka({ clientId: uniqueName('sb_reader'), brokers: [...brokers], logLevel: logLevel.NOTHING });
  const ends = await endOffsets(kafka.admin(), topics);
  if (ends.size === 0) return;
  const consumer = kafka.consumer({ groupId: uniqueName('sb_reader'), sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 5000, maxWaitTimeInMs: 100, maxBytes: opts.maxBytes ?? 16 * 1024 * 1024 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`${topics.join(', ')} not read to the end within ${timeoutMs} ms`)); }, timeoutMs);
      consumer.run({
        eachBatch: ({ batch }) => {
          const key = `${batch.topic}/${batch.partition}`;
          const end = ends.get(key);
          if (end === undefined) return Promise.resolve();
          for (const m of batch.messages) {
            const offset = Number(m.offset);
            if (offset >= end) continue;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
            onRecord({ topic: batch.topic, partition: batch.partition, offset, key: m.key ?? Buffer.alloc(0), value: m.value ?? Buffer.alloc(0), tombstone: m.value === null, headers });
          }
          if (Number(batch.lastOffset()) + 1 >= end) ends.delete(key);
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
}

/** High watermark of every non-empty partition, keyed "topic/partition". */
async function endOffsets(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const ends = new Map<string, number>();
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
  return ends;
}

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
