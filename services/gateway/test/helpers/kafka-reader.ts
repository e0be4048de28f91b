// Reads topics back to their end (testkit's readTopicsToEnd) as decoded envelopes, so a test can
// assert what was — and was not — published without sleeping.
import { decodeEnvelope } from '@switchboard/runtime';
import type { Envelope } from '@switchboard/contracts';
import { readTopicsToEnd } from '@switchboard/testkit';

export interface ReadRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly eventType: string;
  readonly envelope: Envelope;
}

/** Every record of `topics` up to their current end, ordered by (topic, partition, offset). */
export async function readTopics(brokers: readonly string[], topics: readonly string[]): Promise<ReadRecord[]> {
  const out: ReadRecord[] = [];
  await readTopicsToEnd(brokers, topics, (r) => {
    out.push({ topic: r.topic, partition: r.partition, offset: r.offset, key: r.key.toString('utf8'), eventType: r.headers['sb-event-type'] ?? '', envelope: decodeEnvelope(r.value) });
  });
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset);
}

/** The records of one conversation on one topic, in log order (one partition per conversation). */
export function ofConversation(records: readonly ReadRecord[], topic: string, conversationId: string): ReadRecord[] {
  return records.filter((r) => r.topic === topic && r.envelope.conversationId === conversationId);
}
