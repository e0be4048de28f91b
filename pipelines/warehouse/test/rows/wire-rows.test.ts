// The hot path (an audio record → its RowBinary row from the wire bytes) against the generated
// decoder: same values for every record it accepts, and every record it declines still routed
// by the generic path exactly as before.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Codec, Envelope } from '@switchboard/contracts';
import { createLogger, decodeEnvelope, encodeEnvelope, testEvent, type InboundRecord } from '@switchboard/runtime';
import { createSinkMetrics, envelopeRow, migrate, qualified, routeRecord, type TableRow } from '../../src/index';
import { codecName } from '../../src/rows/enum-names';
import { wireAudioRow } from '../../src/rows/wire-rows';
import { createTableInserter } from '../../src/sink/table-inserter';
import { freshDatabase, selectJson, serverEngine } from '../support/clickhouse';

const INGESTED_AT_MS = 1_750_000_000_999;
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function audioEvent(header: { tenantId?: string; conversationId?: string; source?: string } = {}, payload: Buffer = randomBytes(800)): Envelope {
  return testEvent('audio', { codec: Codec.CODEC_PCMA, sampleRateHz: 8000, channels: 1, firstSequence: 2 ** 40 + 7, frameCount: 5, frameDurationMs: 20, payload }, {
    conversationId: 'conv-1', occurredAtMs: 1_750_000_000_123, ...header,
  });
}

function inbound(value: Uint8Array, key: string): InboundRecord {
  return { topic: 'sb.audio', partition: 0, offset: '1', key, value: Buffer.from(value), headers: {}, timestampMs: 1 };
}

/** Reads an audio_chunks RowBinary row back into values (the test's own reader of the format). */
function readAudioRow(row: Buffer): unknown[] {
  let o = 0;
  const str = (): Buffer => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = row[o++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    o += n;
    return row.subarray(o - n, o);
  };
  const u32 = (): number => { o += 4; return row.readUInt32LE(o - 4); };
  const u64 = (): number => { o += 8; return Number(row.readBigUInt64LE(o - 8)); };
  const values = [str().toString(), str().toString(), str().toString(), u64(), str().toString(), u32(), u64(), str().toString(), u32(), u32(), u64(), u32(), u32(), u32(), Buffer.from(str())];
  assert.equal(o, row.length, 'the row ends where its last column ends');
  return values;
}

/** The same columns from the generated decoder's envelope. */
function expectedValues(env: Envelope): unknown[] {
  const a = env.audio!;
  return [env.tenantId, env.conversationId, env.eventId, env.occurredAtMs, env.source, env.schemaVersion, INGESTED_AT_MS, codecName(a.codec),
    a.sampleRateHz, a.channels, a.firstSequence, a.frameCount, a.frameDurationMs, a.payload.length, Buffer.from(a.payload)];
}

void test('an audio record becomes a RowBinary row holding the generated decoder\'s values', () => {
  const headers = [{}, { tenantId: 'tenant\tA', conversationId: 'conv\n1\\中文', source: '' }, { tenantId: '\uFEFFbom first' }];
  for (const header of headers) {
    const env = audioEvent(header, Buffer.concat([ALL_BYTES, randomBytes(300)]));
    const row = wireAudioRow(Buffer.from(encodeEnvelope(env)), env.conversationId, INGESTED_AT_MS, 'raw');
    assert.ok(row, JSON.stringify(header));
    assert.equal(row.table, 'audio_chunks');
    assert.equal(row.format, 'RowBinary');
    assert.equal(row.eventId, env.eventId);
    assert.equal(row.occurredAtMs, env.occurredAtMs);
    assert.deepEqual(readAudioRow(row.line as Buffer), expectedValues(env));
  }
});

/** Envelope bytes with extra fields appended (protobuf lets a later field override or add). */
function withExtra(env: Envelope, extra: number[]): Buffer {
  return Buffer.concat([Buffer.from(encodeEnvelope(env)), Buffer.from(extra)]);
}

void test('records the hot path does not fully accept go the generic way, with the same outcome as before', () => {
  const env = audioEvent();
  const key = env.conversationId;
  const invalidText = Buffer.from(encodeEnvelope({ ...env, tenantId: 'ZZ' }));
  invalidText.set([0xc3, 0x28], invalidText.indexOf('ZZ')); // not UTF-8: the decoder substitutes U+FFFD
  const cases: Array<[string, Buffer, string]> = [
    ['an unknown field', withExtra(env, [0x38, 0x01]), key], // field 7, varint
    ['a repeated event_id', withExtra(env, [0x0a, 0x01, 0x78]), key], // the last one wins
    ['invalid UTF-8 text', invalidText, key],
    ['a key that differs', Buffer.from(encodeEnvelope(env)), 'other'],
    ['an absurd time', Buffer.from(encodeEnvelope({ ...env, occurredAtMs: 5 })), key],
    ['no schema version', Buffer.from(encodeEnvelope({ ...env, schemaVersion: 0 })), key],
    ['no event id', Buffer.from(encodeEnvelope({ ...env, eventId: '' })), key],
    ['a cut-off value', Buffer.from(encodeEnvelope(env)).subarray(0, 60), key],
    ['another kind', Buffer.from(encodeEnvelope(testEvent('dtmf', { digit: '5', durationMs: 80, sequence: 3 }, { conversationId: key }))), key],
  ];
  for (const [what, value, recordKey] of cases) {
    assert.equal(wireAudioRow(value, recordKey, INGESTED_AT_MS, 'raw'), undefined, what);
    const routed = routeRecord(inbound(value, recordKey), { dlqTopic: 'sb.dlq', ingestedAtMs: INGESTED_AT_MS, bytes: 'raw' });
    assert.notEqual(routed.ok && routed.row.format, 'RowBinary', what);
  }
  // Over the chdb connection (bytes escaped in TSV) audio is always TSV.
  assert.equal(wireAudioRow(Buffer.from(encodeEnvelope(env)), key, INGESTED_AT_MS, 'escaped'), undefined);
});

void test('random damage: whatever the hot path accepts, the generated decoder reads the same way', () => {
  const env = audioEvent({}, randomBytes(40));
  const clean = Buffer.from(encodeEnvelope(env));
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const value = Buffer.from(clean);
    for (let k = 0; k < 1 + (i % 3); k++) value[Math.floor(Math.random() * value.length)] = Math.floor(Math.random() * 256);
    const row = wireAudioRow(value, env.conversationId, INGESTED_AT_MS, 'raw');
    if (!row) continue;
    accepted++;
    const decoded = decodeEnvelope(value);
    assert.equal(decoded.conversationId, env.conversationId);
    assert.deepEqual(readAudioRow(row.line as Buffer), expectedValues(decoded));
  }
  assert.ok(accepted > 0, 'some damaged records (e.g. payload bytes) are still valid audio');
});

void test('on ClickHouse 18.16 the RowBinary rows store exactly what the TSV rows of the generic path store', async (t) => {
  const engine = serverEngine(t);
  const events = [
    audioEvent({}, Buffer.concat([ALL_BYTES, randomBytes(64)])),
    audioEvent({ tenantId: 'tenant\tA', conversationId: 'conv\n1\\中文', source: 'src\r\u0000' }, randomBytes(800)),
    audioEvent({ tenantId: '\uFEFFbom' }, Buffer.alloc(0)),
  ];
  const insertInto = async (database: string, rows: TableRow[]): Promise<void> => {
    await migrate(engine.client, { database });
    const insert = createTableInserter({ client: engine.client, database, metrics: createSinkMetrics(), logger: createLogger('t', 'error'), maxAttempts: 1 });
    await insert('audio_chunks', rows);
  };
  const wire = freshDatabase(t, engine.client, 'wh_wire');
  const generic = freshDatabase(t, engine.client, 'wh_generic');
  const mixed = freshDatabase(t, engine.client, 'wh_mixed');
  const wireRows = events.map((e) => wireAudioRow(Buffer.from(encodeEnvelope(e)), e.conversationId, INGESTED_AT_MS, 'raw')!);
  const tsvRows = events.map((e) => envelopeRow(e, INGESTED_AT_MS, 'raw')!);
  await insertInto(wire, wireRows);
  await insertInto(generic, tsvRows);
  // One insert call holding both formats (a record the hot path declined among accepted ones).
  await insertInto(mixed, [wireRows[0]!, tsvRows[1]!, wireRows[2]!]);
  const read = (database: string): Promise<unknown[]> => selectJson(engine.client, `SELECT *, hex(payload) AS payload_hex FROM ${qualified(database, 'audio_chunks')} ORDER BY event_id`);
  const expected = await read(generic);
  assert.equal(expected.length, events.length);
  assert.deepEqual(await read(wire), expected);
  assert.deepEqual(await read(mixed), expected);
});
