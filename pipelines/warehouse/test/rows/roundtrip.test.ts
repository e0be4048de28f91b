// Nasty values survive the TSV encoding through a real insert and select, on ClickHouse 18.16
// (raw bytes over HTTP) and on the current engine (chdb, bytes as \xHH).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test, type TestContext } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { deadLetterRecord, testEvent } from '@switchboard/runtime';
import { DeadLetter } from '@switchboard/contracts';
import { createLogger } from '@switchboard/runtime';
import { createSinkMetrics, deadLetterRow, migrate, qualified, quoteString } from '../../src/index';
import { createTableInserter } from '../../src/sink/table-inserter';
import { chdbEngine, closeChdbEngine, freshDatabase, selectJson, serverEngine, type Engine } from '../support/clickhouse';
import { NASTY_TEXT } from '../support/conversation-events';
import { insertEvents } from '../support/insert-events';

after(closeChdbEngine);

const CHINESE = '您好，我想查询一下我的订单状态。谢谢！';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

async function roundTrip(t: TestContext, engine: Engine): Promise<void> {
  const db = freshDatabase(t, engine.client, 'wh_rows');
  await migrate(engine.client, { database: db });
  const header = { tenantId: 'tenant\tA', conversationId: 'conv\n1\\中', occurredAtMs: 1_750_000_000_123 };
  const audio = testEvent('audio', { codec: Codec.CODEC_PCMA, sampleRateHz: 8000, channels: 1, firstSequence: 7, frameCount: 2, frameDurationMs: 20, payload: Buffer.concat([ALL_BYTES, randomBytes(64)]) }, header);
  const transcript = testEvent('transcript', {
    utteranceId: 'u\t1', isFinal: true, text: NASTY_TEXT + CHINESE, language: 'zh', confidence: 0.25, startMs: -5, endMs: 900,
    words: [{ word: "it's\t\\", startMs: 1, endMs: 2, confidence: Number.NaN }, { word: CHINESE, startMs: 3, endMs: 4, confidence: 0.5 }], prosody: undefined,
  }, header);
  const intent = testEvent('intent', {
    utteranceId: 'u1', name: 'check_order', confidence: 0.75, outOfScope: true, language: 'zh',
    slots: [{ name: 'order_id', value: "A-1'\n\\", confidence: 1 }, { name: '城市', value: CHINESE, confidence: 0.5 }], alternatives: [],
  }, header);
  const action = testEvent('action', { actionId: 'a1', transferToHuman: { queue: 'q', reason: 'r\tr', summary: 'say "hi"\n\\ 中文', slots: { order_id: 'A-17' } } }, header);
  await insertEvents(engine, db, [audio, transcript, intent, action]);

  const [a] = await selectJson<{ hex: string; payload_bytes: number; codec: string; conversation_id: string; tenant_id: string; occurred_at: string }>(
    engine.client,
    `SELECT hex(payload) AS hex, payload_bytes, codec, conversation_id, tenant_id, toString(occurred_at) AS occurred_at FROM ${qualified(db, 'audio_chunks')}`,
  );
  assert.equal(a!.hex, audio.audio!.payload.toString('hex').toUpperCase(), `${engine.name}: audio bytes`);
  assert.equal(a!.payload_bytes, audio.audio!.payload.length);
  assert.equal(a!.codec, 'pcma');
  assert.equal(a!.conversation_id, header.conversationId);
  assert.equal(a!.tenant_id, header.tenantId);
  assert.equal(a!.occurred_at, '2025-06-15 15:06:40', 'occurred_at is computed from occurred_at_ms (UTC)');

  const [tr] = await selectJson<{ text: string; word_texts: string[]; nan: number[]; start_ms: number; utterance_id: string }>(
    engine.client,
    `SELECT text, word_texts, arrayMap(x -> isNaN(x), word_confidences) AS nan, start_ms, utterance_id FROM ${qualified(db, 'transcripts')}`,
  );
  assert.equal(tr!.text, NASTY_TEXT + CHINESE, `${engine.name}: transcript text`);
  assert.deepEqual(tr!.word_texts, ["it's\t\\", CHINESE]);
  assert.deepEqual(tr!.nan, [1, 0]);
  assert.equal(tr!.start_ms, -5);
  assert.equal(tr!.utterance_id, 'u\t1');

  const [it] = await selectJson<{ slot_names: string[]; slot_values: string[]; out_of_scope: number }>(
    engine.client,
    `SELECT slot_names, slot_values, out_of_scope FROM ${qualified(db, 'intents')}`,
  );
  assert.deepEqual(it, { slot_names: ['order_id', '城市'], slot_values: ["A-1'\n\\", CHINESE], out_of_scope: 1 });

  const [ac] = await selectJson<{ kind: string; reason: string; summary: string; order_id: string }>(
    engine.client,
    `SELECT kind, reason, visitParamExtractString(params, 'summary') AS summary, visitParamExtractString(params, ${quoteString('slots.order_id')}) AS order_id
     FROM ${qualified(db, 'actions')}`,
  );
  assert.deepEqual(ac, { kind: 'transfer_to_human', reason: 'r\tr', summary: 'say "hi"\n\\ 中文', order_id: 'A-17' });

  // Dead letters keep the original record bytes untouched.
  const original = Buffer.concat([ALL_BYTES, Buffer.from(CHINESE)]);
  const dlRecord = deadLetterRecord('sb.dlq', { topic: 'sb.audio', partition: 2, offset: '99', key: 'k\t1', value: original, headers: {}, timestampMs: 1 }, 'DECODE_FAILED', 'bad\tbytes', 'sb.asr');
  const insert = createTableInserter({ client: engine.client, database: db, metrics: createSinkMetrics(), logger: createLogger('t', 'error'), maxAttempts: 1 });
  await insert('dead_letters', [deadLetterRow(DeadLetter.decode(dlRecord.value), 1_750_000_000_000, 1, engine.bytes)]);
  const [dl] = await selectJson<{ hex: string; conversation_id: string; reason: string; origin_offset: number }>(
    engine.client,
    `SELECT hex(record_value) AS hex, conversation_id, reason, origin_offset FROM ${qualified(db, 'dead_letters')}`,
  );
  assert.deepEqual(dl, { hex: original.toString('hex').toUpperCase(), conversation_id: 'k\t1', reason: 'bad\tbytes', origin_offset: 99 });
}

void test('nasty text, arrays and binary bytes round-trip on ClickHouse 18.16', async (t) => {
  await roundTrip(t, serverEngine(t));
});

void test('nasty text, arrays and binary bytes round-trip on the current engine (chdb)', async (t) => {
  await roundTrip(t, await chdbEngine());
});
