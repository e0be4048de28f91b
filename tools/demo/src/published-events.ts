// Counts what the platform published to Kafka, per conversation and event kind, by reading the
// topics back like any consumer would.
import { decodeEnvelope, payloadKind, TOPIC_KEYS, type Bus, type PayloadKind, type Subscription, type TopicNames } from '@switchboard/runtime';

export type KindCounts = Partial<Record<PayloadKind, number>>;

export class PublishedEvents {
  readonly byConversation = new Map<string, KindCounts>();
  private sub: Subscription | undefined;

  async start(bus: Bus, topics: TopicNames, groupId: string): Promise<void> {
    const names = TOPIC_KEYS.filter((k) => k !== 'dlq').map((k) => topics[k]);
    await bus.ensureTopics(names);
    this.sub = await bus.subscribe({
      groupId,
      topics: names,
      concurrency: 6,
      onBatch: (batch) => {
        for (const r of batch.records) {
          const env = decodeEnvelope(r.value);
          const kind = payloadKind(env)!;
          const counts = this.byConversation.get(env.conversationId) ?? {};
          counts[kind] = (counts[kind] ?? 0) + 1;
          this.byConversation.set(env.conversationId, counts);
        }
        return Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    await this.sub?.stop();
  }
}
