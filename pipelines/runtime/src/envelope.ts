// Building, encoding and decoding the wire envelope. The Kafka record value is the encoded
// Envelope; the event type travels in a header too, so tools can filter without decoding.
import { randomUUID } from 'node:crypto';
import { Envelope } from '@switchboard/contracts';
import { SwitchboardError } from './errors';
import type { TopicKey } from './topics';

export const SCHEMA_VERSION = 1;
export const EVENT_TYPE_HEADER = 'sb-event-type';
/** Set ('1') on action records the live call carries out, which also go to it over the control plane. */
export const CALL_ACTION_HEADER = 'sb-call-action';

/** Actions the media side carries out on the call; the others (lookups, tickets, CRM) are for connectors. */
export function isCallAction(env: Envelope): boolean {
  const a = env.action;
  return a !== undefined && (a.say !== undefined || a.ask !== undefined || a.transferToHuman !== undefined || a.hangUp !== undefined);
}

export type PayloadKind = Exclude<keyof Envelope, 'eventId' | 'tenantId' | 'conversationId' | 'occurredAtMs' | 'source' | 'schemaVersion'>;
export type Payload<K extends PayloadKind> = NonNullable<Envelope[K]>;

const PAYLOAD_KINDS: readonly PayloadKind[] = [
  'callStarted', 'callAnswered', 'callEnded', 'audio', 'dtmf',
  'transcript', 'intent', 'emotion', 'action', 'actionResult',
];

/** Which topic each payload kind is published to. */
export const TOPIC_OF_KIND: Readonly<Record<PayloadKind, TopicKey>> = {
  callStarted: 'calls',
  callAnswered: 'calls',
  callEnded: 'calls',
  dtmf: 'calls',
  audio: 'audio',
  transcript: 'transcripts',
  intent: 'intents',
  emotion: 'emotions',
  action: 'actions',
  actionResult: 'actionResults',
};

export function payloadKind(env: Envelope): PayloadKind | undefined {
  for (const kind of PAYLOAD_KINDS) if (env[kind] !== undefined) return kind;
  return undefined;
}

export interface EnvelopeHeader {
  tenantId: string;
  conversationId: string;
  source: string;
  occurredAtMs?: number;
  eventId?: string;
}

export function newEnvelope<K extends PayloadKind>(header: EnvelopeHeader, kind: K, payload: Payload<K>): Envelope {
  const env: Envelope = {
    eventId: header.eventId ?? randomUUID(),
    tenantId: header.tenantId,
    conversationId: header.conversationId,
    occurredAtMs: header.occurredAtMs ?? Date.now(),
    source: header.source,
    schemaVersion: SCHEMA_VERSION,
  };
  (env as Partial<Record<PayloadKind, unknown>>)[kind] = payload;
  return env;
}

export function encodeEnvelope(env: Envelope): Uint8Array {
  return Envelope.encode(env).finish();
}

/** Decodes and validates a record value; throws DECODE_FAILED / INVALID_EVENT with a precise reason. */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  let env: Envelope;
  try {
    env = Envelope.decode(bytes);
  } catch (err) {
    throw new SwitchboardError('DECODE_FAILED', `record value is not a protobuf Envelope: ${err instanceof Error ? err.message : 'decode error'}`);
  }
  const problem = envelopeProblem(env);
  if (problem !== undefined) throw new SwitchboardError('INVALID_EVENT', problem);
  return env;
}

export function envelopeProblem(env: Envelope): string | undefined {
  if (env.eventId === '') return 'envelope has no event_id';
  if (env.conversationId === '') return 'envelope has no conversation_id';
  if (env.tenantId === '') return 'envelope has no tenant_id';
  if (env.occurredAtMs <= 0) return 'envelope has no occurred_at_ms';
  if (env.schemaVersion === 0 || env.schemaVersion > SCHEMA_VERSION) return `envelope schema_version ${env.schemaVersion} is not supported (max ${SCHEMA_VERSION})`;
  if (payloadKind(env) === undefined) return 'envelope has no payload';
  return undefined;
}
