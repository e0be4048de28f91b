// sb.dlq record → a dead_letters row. A dead letter is not an Envelope, so the envelope columns
// are derived (see migrations/009_dead_letters.sql): the event id is stable for one origin record
// and processor, so redelivered or re-dead-lettered copies collapse like any other event.
import { Envelope, type DeadLetter } from '@switchboard/contracts';
import type { BytesEncoding } from '../clickhouse/clients';
import type { TableRow } from './table-row';
import { bytesField, int, row, text, uint } from './tsv';

export function deadLetterEventId(dl: DeadLetter): string {
  return `dlq:${dl.processor}:${dl.originTopic}:${dl.originPartition}:${dl.originOffset}`;
}

/** The tenant of the original value when it still decodes as an Envelope (else ''). */
function originalTenant(value: Uint8Array): string {
  try {
    return Envelope.decode(value).tenantId;
  } catch {
    return '';
  }
}

export function deadLetterRow(dl: DeadLetter, occurredAtMs: number, ingestedAtMs: number, enc: BytesEncoding): TableRow {
  const eventId = deadLetterEventId(dl);
  // The record key is the conversation id on every topic; kept as text (invalid UTF-8 is replaced).
  const conversationId = dl.key.toString('utf8');
  const line = row([
    text(originalTenant(dl.value)),
    text(conversationId),
    text(eventId),
    uint(occurredAtMs),
    text(dl.processor),
    '0',
    uint(ingestedAtMs),
    text(dl.errorCode),
    text(dl.reason),
    text(dl.processor),
    text(dl.originTopic),
    int(Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, dl.originPartition))),
    int(dl.originOffset),
    bytesField(dl.key),
    bytesField(dl.value),
  ], enc);
  return { table: 'dead_letters', eventId, occurredAtMs, line };
}
