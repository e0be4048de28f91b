// One inbound record → the row it becomes, or why it must be dead-lettered instead.
// Envelopes go to the table of their payload kind; sb.dlq records to dead_letters.
import { DeadLetter, type Envelope } from '@switchboard/contracts';
import { decodeEnvelope, errorMessage, isSwitchboardError, type ErrorCode, type InboundRecord } from '@switchboard/runtime';
import type { BytesEncoding } from '../clickhouse/clients';
import { deadLetterRow } from '../rows/dead-letter-rows';
import { envelopeRow } from '../rows/envelope-rows';
import { occurredAtInRange } from '../rows/occurred-at';
import type { TableRow } from '../rows/table-row';
import { wireAudioRow } from '../rows/wire-rows';

export type Routed = { readonly ok: true; readonly row: TableRow } | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

export interface RouteContext {
  readonly dlqTopic: string;
  readonly ingestedAtMs: number;
  readonly bytes: BytesEncoding;
}

export { MAX_OCCURRED_AT_MS, MIN_OCCURRED_AT_MS } from '../rows/occurred-at';

const fail = (code: ErrorCode, reason: string): Routed => ({ ok: false, code, reason });

export function routeRecord(record: InboundRecord, ctx: RouteContext): Routed {
  return record.topic === ctx.dlqTopic ? routeDeadLetter(record, ctx) : routeEnvelope(record, ctx);
}

function routeEnvelope(record: InboundRecord, ctx: RouteContext): Routed {
  // Audio, the bulk of the traffic, is written straight from the wire; whatever that path does not
  // accept (other kinds, anything invalid or unusual) is decided by the generated decoder below.
  const fast = wireAudioRow(record.value, record.key, ctx.ingestedAtMs, ctx.bytes);
  if (fast) return { ok: true, row: fast };
  let env: Envelope;
  try {
    env = decodeEnvelope(record.value);
  } catch (err) {
    return fail(isSwitchboardError(err) ? err.code : 'DECODE_FAILED', errorMessage(err));
  }
  // The same rule as every processor: the key is what co-partitions a conversation.
  if (env.conversationId !== record.key) return fail('INVALID_EVENT', 'record key differs from the envelope conversation_id');
  if (!occurredAtInRange(env.occurredAtMs)) return fail('INVALID_EVENT', 'envelope occurred_at_ms is outside 2000-01-01 .. 2100-01-01');
  const row = envelopeRow(env, ctx.ingestedAtMs, ctx.bytes);
  if (!row) return fail('INVALID_EVENT', 'envelope has no payload');
  return { ok: true, row };
}

function routeDeadLetter(record: InboundRecord, ctx: RouteContext): Routed {
  let dl: DeadLetter;
  try {
    dl = DeadLetter.decode(record.value);
  } catch (err) {
    return fail('DECODE_FAILED', `record value is not a protobuf DeadLetter: ${errorMessage(err)}`);
  }
  // Random bytes can decode "successfully" into a nonsense message; a real one names its origin.
  if (dl.originTopic === '' || dl.errorCode === '') return fail('INVALID_EVENT', 'dead letter has no origin_topic or error_code');
  const occurredAtMs = occurredAtInRange(dl.deadLetteredAtMs) ? dl.deadLetteredAtMs : record.timestampMs;
  if (!occurredAtInRange(occurredAtMs)) return fail('INVALID_EVENT', 'dead letter has no usable dead_lettered_at_ms or record timestamp');
  return { ok: true, row: deadLetterRow(dl, occurredAtMs, ctx.ingestedAtMs, ctx.bytes) };
}
