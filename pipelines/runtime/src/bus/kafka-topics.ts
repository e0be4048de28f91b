// Topic creation shared by the kafkajs bus and the Kafka state store: create what is missing
// with the one partition count (co-partitioning), then wait until every partition has a leader.
import type { Admin } from 'kafkajs';
import { SwitchboardError } from '../errors';

const TOPIC_READY_TIMEOUT_MS = 30_000;

/** Metadata answers that mean "not yet" while a new topic propagates. */
function isRetriableMetadataError(err: unknown): boolean {
  const type = (err as { type?: unknown }).type;
  return type === 'UNKNOWN_TOPIC_OR_PARTITION' || type === 'LEADER_NOT_AVAILABLE' || (err as { retriable?: unknown }).retriable === true;
}

/** Runs an admin call again while the broker answers "not yet" (a just-created topic), up to 30 s. */
export async function whileTopicSettles<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (!isRetriableMetadataError(err) || Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TopicConfigEntry {
  readonly name: string;
  readonly value: string;
}

export async function ensureKafkaTopics(admin: Admin, topics: readonly string[], partitions: number, configEntries: readonly TopicConfigEntry[] = []): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    try {
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1, configEntries: [...configEntries] })),
      });
    } catch (err) {
      // A concurrent creator may have won the race; the metadata check below decides.
      if (!(err instanceof Error) || !/already exists/i.test(err.message)) throw err;
    }
  }
  // kafkajs' waitForLeaders retries only LEADER_NOT_AVAILABLE; a KRaft broker also answers
  // UNKNOWN_TOPIC_OR_PARTITION until the new topic's metadata has propagated.
  const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
      for (const t of meta.topics) {
        if (t.partitions.length !== partitions) {
          throw new SwitchboardError('TOPIC_MISMATCH', `topic ${t.name} has ${t.partitions.length} partitions, KAFKA_PARTITIONS is ${partitions}: topics must be co-partitioned`);
        }
      }
      if (meta.topics.every((t) => t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (!isRetriableMetadataError(err)) throw err;
    }
    if (Date.now() > deadline) {
      throw new SwitchboardError('BUS_UNAVAILABLE', `topics ${topics.join(', ')} have no leader after ${TOPIC_READY_TIMEOUT_MS} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
