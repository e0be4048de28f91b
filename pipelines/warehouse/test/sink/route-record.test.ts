import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { DeadLetter } from '@switchboard/contracts';
import { deadLetterRecord, encodeEnvelope, testEvent, type InboundRecord } from '@switchboard/runtime';
import { routeRecord } from '../../src/index';

const ctx = { dlqTopic: 'sb.dlq', ingestedAtMs: 1_700_000_000_000, bytes: 'raw' as const };

function inbound(topic: string, key: string, value: Uint8Array): InboundRecord {
  return { topic, partition: 1, offset: '42', key, value: Buffer.from(value), headers: {}, timestampMs: 1_700_000_000_000 };
}

void test('an envelope becomes a row of its kind\'s table', () => {
  const env = testEvent('dtmf', { digit: '5', durationMs: 80, sequence: 3 }, { conversationId: 'c1' });
  const routed = routeRecord(inbound('sb.calls', 'c1', encodeEnvelope(env)), ctx);
  assert.ok(routed.ok);
  assert.equal(routed.row.table, 'dtmf_events');
  assert.equal(routed.row.eventId, env.eventId);
});

void test('random bytes are DECODE_FAILED or INVALID_EVENT, never a row', () => {
  for (let i = 0; i < 50; i++) {
    const routed = routeRecord(inbound('sb.audio', 'c1', randomBytes(64)), ctx);
    assert.equal(routed.ok, false);
    if (!routed.ok) assert.ok(['DECODE_FAILED', 'INVALID_EVENT'].includes(routed.code));
  }
});

void test('a key that differs from the conversation id, or an absurd time, is INVALID_EVENT', () => {
  const env = testEvent('dtmf', { digit: '5', durationMs: 80, sequence: 3 }, { conversationId: 'c1' });
  const wrongKey = routeRecord(inbound('sb.calls', 'other', encodeEnvelope(env)), ctx);
  assert.deepEqual(wrongKey.ok ? undefined : wrongKey.code, 'INVALID_EVENT');
  const ancient = testEvent('dtmf', { digit: '5', durationMs: 80, sequence: 3 }, { conversationId: 'c1', occurredAtMs: 5 });
  const old = routeRecord(inbound('sb.calls', 'c1', encodeEnvelope(ancient)), ctx);
  assert.ok(!old.ok && /occurred_at_ms/.test(old.reason));
});

void test('an sb.dlq record becomes a dead_letters row with a stable event id', () => {
  const origin = inbound('sb.audio', 'c9', randomBytes(10));
  const dl = deadLetterRecord('sb.dlq', origin, 'DECODE_FAILED', 'bad bytes', 'sb.asr');
  const a = routeRecord(inbound('sb.dlq', 'c9', dl.value), ctx);
  const b = routeRecord({ ...inbound('sb.dlq', 'c9', dl.value), offset: '43' }, ctx);
  assert.ok(a.ok && b.ok);
  assert.equal(a.row.table, 'dead_letters');
  assert.equal(a.row.eventId, 'dlq:sb.asr:sb.audio:1:42');
  assert.equal(a.row.eventId, b.row.eventId, 're-dead-lettered copies collapse');
});

void test('garbage on sb.dlq is dead-lettered itself, not stored', () => {
  const empty = DeadLetter.encode({ reason: '', errorCode: '', originTopic: '', originPartition: 0, originOffset: 0, key: Buffer.alloc(0), value: Buffer.alloc(0), deadLetteredAtMs: 0, processor: '' }).finish();
  for (const value of [empty, randomBytes(40)]) {
    const routed = routeRecord(inbound('sb.dlq', 'k', value), ctx);
    assert.equal(routed.ok, false);
  }
});
