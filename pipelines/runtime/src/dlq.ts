// Dead letters: a record that cannot be processed is set aside on sb.dlq with the reason and its
// origin, and the consumer goes on. The original bytes are kept untouched for replay.
import { DeadLetter } from '@switchboard/contracts';
import type { InboundRecord, OutboundRecord } from './bus/port';
import type { ErrorCode } from './errors';

export function deadLetterRecord(dlqTopic: string, record: InboundRecord, code: ErrorCode, reason: string, processor: string): OutboundRecord {
  const value = DeadLetter.encode({
    reason,
    errorCode: code,
    originTopic: record.topic,
    originPartition: record.partition,
    originOffset: Number(record.offset),
    key: Buffer.from(record.key, 'utf8'),
    value: record.value,
    deadLetteredAtMs: Date.now(),
    processor,
  }).finish();
  return { topic: dlqTopic, key: record.key, value, headers: { 'sb-dlq-code': code } };
}
