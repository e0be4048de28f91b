// A steady stream of conversations into Kafka until stopped. A send that fails (the broker is
// restarting) is sent again: Kafka may then hold copies, which is exactly at-least-once delivery.
import { setTimeout as delay } from 'node:timers/promises';
import type { Producer, TopicNames } from '@switchboard/runtime';
import { uniqueName } from '@switchboard/testkit';
import { buildConversation, eventRecord, sumCounts, type Conversation } from './conversation-events';
import type { TableCounts } from '../../src/index';

export interface SteadyProducer {
  readonly conversations: Conversation[];
  /** Sends that failed and were repeated. */
  readonly resends: () => number;
  stop(): Promise<void>;
  expectedCounts(): TableCounts;
  conversationIds(): string[];
}

export function startSteadyProducer(producer: Producer, topics: TopicNames, tenantId: string, pauseMs = 20): SteadyProducer {
  const conversations: Conversation[] = [];
  let stopping = false;
  let resends = 0;
  const loop = (async () => {
    while (!stopping) {
      const c = buildConversation({ tenantId, conversationId: uniqueName('steady'), startMs: Date.now(), audioChunks: 8, turns: 2, dtmfDigits: 1 });
      const records = c.events.map((e) => eventRecord(topics, e));
      for (;;) {
        try {
          await producer.send(records);
          break;
        } catch {
          resends++;
          await delay(200);
        }
      }
      conversations.push(c);
      await delay(pauseMs);
    }
  })();
  return {
    conversations,
    resends: () => resends,
    stop: async () => {
      stopping = true;
      await loop;
    },
    expectedCounts: () => sumCounts(conversations.map((c) => c.counts)),
    conversationIds: () => conversations.map((c) => c.facts.conversation_id),
  };
}
