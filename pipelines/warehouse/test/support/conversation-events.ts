// Realistic conversations for tests and the bench: every payload kind, awkward text (tabs,
// newlines, backslashes, quotes, Chinese) and binary audio, plus the facts and per-table counts
// the warehouse must report for them.
import { randomBytes, randomUUID } from 'node:crypto';
import { Codec, EndReason, type Action, type Envelope } from '@switchboard/contracts';
import { encodeEnvelope, EVENT_TYPE_HEADER, newEnvelope, payloadKind, TOPIC_OF_KIND, type OutboundRecord, type Payload, type PayloadKind, type TopicNames } from '@switchboard/runtime';
import type { ConversationFacts, TableCounts } from '../../src/index';

export interface ConversationSpec {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly startMs: number;
  /** Audio chunks (each `framesPerChunk` 20 ms G.711 frames of 160 bytes). */
  readonly audioChunks?: number;
  readonly framesPerChunk?: number;
  /** Utterances: each a partial + a final transcript, an intent, an emotion, an action and its result. */
  readonly turns?: number;
  readonly dtmfDigits?: number;
}

export interface Conversation {
  readonly events: Envelope[];
  readonly facts: ConversationFacts;
  readonly counts: TableCounts;
}

export const NASTY_TEXT = 'tab\there\nnew line \\ back\\slash \'quote\' "dq" 中文：我想查询订单 \r cr \u0000 nul ✓';

const ACTION_SAMPLES: readonly Action[] = [
  { actionId: '', say: { text: '您好！How can I help?\tTab', language: 'zh', bargeInAllowed: true, promptId: 'greeting' } },
  { actionId: '', ask: { text: 'Your order number?\n请说订单号', language: 'en', slot: 'order_id' } },
  { actionId: '', transferToHuman: { queue: 'billing', reason: 'asked for agent', summary: 'wants refund \\ "now"', slots: { order_id: 'A-17', 'odd\tkey': 'v' } } },
  { actionId: '', createTicket: { subject: 'Refund', body: 'line1\nline2', priority: 'high', fields: { channel: 'voice' } } },
  { actionId: '', verifyIdentity: { method: 'dob', claims: { dob: '1990-01-01' } } },
  { actionId: '', updateCrm: { customerRef: 'C-9', fields: { mood: 'angry', note: '中文备注' } } },
  { actionId: '', hangUp: { reason: 'done' } },
];

const ACTION_KIND_NAMES = ['say', 'ask', 'transfer_to_human', 'create_ticket', 'verify_identity', 'update_crm', 'hang_up'];

export function buildConversation(spec: ConversationSpec): Conversation {
  const chunks = spec.audioChunks ?? 5;
  const frames = spec.framesPerChunk ?? 5;
  const turns = spec.turns ?? 3;
  const digits = spec.dtmfDigits ?? 2;
  const events: Envelope[] = [];
  let t = spec.startMs;
  const add = <K extends PayloadKind>(kind: K, payload: Payload<K>): void => {
    events.push(newEnvelope({ tenantId: spec.tenantId, conversationId: spec.conversationId, source: 'test', occurredAtMs: t, eventId: randomUUID() }, kind, payload));
    t += 20;
  };
  const callId = `call-${spec.conversationId}`;
  add('callStarted', { callId, callerNumber: '+8613800000000', calleeNumber: '+14155550100', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'sip', attributes: { trunk: 'carrier\t1', lang: 'zh' } });
  const startedAt = spec.startMs;
  const answeredAt = t;
  add('callAnswered', { answeredAtMs: answeredAt });
  let bytes = 0;
  for (let i = 0; i < chunks; i++) {
    const payload = randomBytes(frames * 160);
    bytes += payload.length;
    add('audio', { codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channels: 1, firstSequence: i * frames, frameCount: frames, frameDurationMs: 20, payload });
  }
  for (let i = 0; i < digits; i++) add('dtmf', { digit: String(i % 10), durationMs: 80, sequence: i });
  let failed = 0;
  for (let i = 0; i < turns; i++) {
    const utteranceId = `u${i}`;
    add('transcript', { utteranceId, isFinal: false, text: '我想', language: 'zh', confidence: 0.5, startMs: i * 1000, endMs: i * 1000 + 300, words: [], prosody: undefined });
    add('transcript', {
      utteranceId, isFinal: true, text: i === 0 ? NASTY_TEXT : `I want to check order ${i}`, language: i === 0 ? 'zh' : 'en', confidence: 0.9,
      startMs: i * 1000, endMs: i * 1000 + 900, words: [{ word: 'order', startMs: 10, endMs: 300, confidence: 0.8 }, { word: '订单\t', startMs: 300, endMs: 600, confidence: Number.NaN }], prosody: undefined,
    });
    add('intent', {
      utteranceId, name: 'check_order', confidence: 0.87, outOfScope: false, language: 'en',
      slots: [{ name: 'order_id', value: `A-${i}'\\`, confidence: 0.9 }], alternatives: [{ name: 'refund', confidence: 0.1 }],
    });
    add('emotion', { utteranceId, label: 'neutral', valence: 0.1, arousal: 0.3, textSentiment: -0.2, prosody: i % 2 === 0 ? { energyDb: -20, pitchMeanHz: 180, pitchRangeHz: 40, speakingRateSps: 4, pauseRatio: 0.2 } : undefined });
    const action = ACTION_SAMPLES[i % ACTION_SAMPLES.length]!;
    const actionId = `${spec.conversationId}-a${i}`;
    add('action', { ...action, actionId });
    const success = i % 3 !== 2;
    if (!success) failed++;
    add('actionResult', { actionId, actionKind: ACTION_KIND_NAMES[i % ACTION_KIND_NAMES.length]!, success, failureReason: success ? '' : 'crm timeout', latencyMs: 120, output: { ticket_id: `T-${i}` } });
  }
  const endedAt = t;
  add('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: 'bye', durationMs: endedAt - answeredAt, audioFrames: chunks * frames, dtmfDigits: digits });

  const facts: ConversationFacts = {
    tenant_id: spec.tenantId,
    conversation_id: spec.conversationId,
    call_id: callId,
    channel: 'sip',
    codec: 'pcmu',
    started_at_ms: startedAt,
    answered_at_ms: answeredAt,
    ended_at_ms: endedAt,
    end_reason: 'caller_hangup',
    duration_ms: endedAt - answeredAt,
    audio_chunks: chunks,
    audio_frames: chunks * frames,
    audio_bytes: bytes,
    dtmf_count: digits,
    transcript_count: turns * 2,
    final_transcript_count: turns,
    intent_count: turns,
    emotion_count: turns,
    action_count: turns,
    action_result_count: turns,
    failed_action_count: failed,
    first_event_at_ms: startedAt,
    last_event_at_ms: endedAt,
  };
  const counts: TableCounts = {
    call_events: 3, audio_chunks: chunks, dtmf_events: digits, transcripts: turns * 2, intents: turns, emotions: turns,
    actions: turns, action_results: turns, dead_letters: 0,
  };
  return { events, facts, counts };
}

/** The Kafka record of an event: on its kind's topic, keyed by conversation, type in a header. */
export function eventRecord(topics: TopicNames, env: Envelope): OutboundRecord {
  const kind = payloadKind(env)!;
  return { topic: topics[TOPIC_OF_KIND[kind]], key: env.conversationId, value: encodeEnvelope(env), headers: { [EVENT_TYPE_HEADER]: kind } };
}

export function sumCounts(list: readonly TableCounts[]): TableCounts {
  const out = { ...list[0]! };
  for (const c of list.slice(1)) for (const k of Object.keys(out) as (keyof TableCounts)[]) out[k] += c[k];
  return out;
}

/** Byte order, as ClickHouse sorts strings (localeCompare would not). */
export function byConversationId(a: ConversationFacts, b: ConversationFacts): number {
  return a.conversation_id < b.conversation_id ? -1 : a.conversation_id > b.conversation_id ? 1 : 0;
}
