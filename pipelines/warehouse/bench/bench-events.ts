// The bench's event mix: whole conversations with realistic sizes. Per conversation: 3 call
// events, 100 audio chunks of 5 G.711 frames (800-byte payloads, 10 s of audio), 2 key presses
// and 5 turns (partial + final transcript, intent, emotion, action, result): 135 events.
import type { OutboundRecord, TopicNames } from '@switchboard/runtime';
import { buildConversation, eventRecord, type Conversation } from '../test/support/conversation-events';

export const EVENTS_PER_CONVERSATION = 135;

export interface BenchEvents {
  readonly conversations: Conversation[];
  readonly records: OutboundRecord[];
  readonly events: number;
}

export function benchEvents(topics: TopicNames, tenantId: string, approxEvents: number, runId: string): BenchEvents {
  const count = Math.max(1, Math.round(approxEvents / EVENTS_PER_CONVERSATION));
  const conversations: Conversation[] = [];
  const records: OutboundRecord[] = [];
  const startMs = Date.now() - 3_600_000;
  for (let i = 0; i < count; i++) {
    const c = buildConversation({ tenantId, conversationId: `${runId}-c${i}`, startMs: startMs + i * 1000, audioChunks: 100, framesPerChunk: 5, turns: 5, dtmfDigits: 2 });
    conversations.push(c);
    for (const e of c.events) records.push(eventRecord(topics, e));
  }
  return { conversations, records, events: records.length };
}
