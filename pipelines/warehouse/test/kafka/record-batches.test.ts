// Record batches built here byte by byte (message format v2), so every branch of the reader is
// exercised without a broker: plain and gzip batches, control batches, aborted transactions,
// append-time timestamps, headers, null keys and values, a cut-off last batch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { offsetAfter, parseRecordBatches, UnsupportedCompressionError } from '../../src/kafka/record-batches';

interface TestRecord {
  readonly key: string | null;
  readonly value: string | null;
  readonly headers?: ReadonlyArray<[string, string]>;
}

function zigzag(n: number): number[] {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function bytesField(s: string | null): number[] {
  if (s === null) return zigzag(-1);
  const b = [...Buffer.from(s)];
  return [...zigzag(b.length), ...b];
}

function encodeRecord(r: TestRecord, index: number): number[] {
  const body = [0, ...zigzag(index * 10), ...zigzag(index), ...bytesField(r.key), ...bytesField(r.value), ...zigzag(r.headers?.length ?? 0)];
  for (const [k, v] of r.headers ?? []) body.push(...bytesField(k), ...bytesField(v));
  return [...zigzag(body.length), ...body];
}

interface BatchSpec {
  readonly baseOffset: number;
  readonly records: readonly TestRecord[];
  readonly attributes?: number;
  readonly producerId?: number;
  readonly baseTimestamp?: number;
  readonly maxTimestamp?: number;
  /** Offsets the batch covers beyond its records (a compacted or control tail). */
  readonly extraOffsets?: number;
}

function batch(spec: BatchSpec): Buffer {
  const attributes = spec.attributes ?? 0;
  let records = Buffer.from(spec.records.flatMap((r, i) => encodeRecord(r, i)));
  if ((attributes & 7) !== 0) records = (attributes & 7) === 1 ? gzipSync(records) : records;
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(BigInt(spec.baseOffset), 0);
  header.writeInt32BE(61 - 12 + records.length, 8);
  header.writeInt8(2, 16);
  header.writeInt16BE(attributes, 21);
  header.writeInt32BE(spec.records.length - 1 + (spec.extraOffsets ?? 0), 23);
  header.writeBigInt64BE(BigInt(spec.baseTimestamp ?? 1000), 27);
  header.writeBigInt64BE(BigInt(spec.maxTimestamp ?? 5000), 35);
  header.writeBigInt64BE(BigInt(spec.producerId ?? -1), 43);
  header.writeInt32BE(spec.records.length, 57);
  return Buffer.concat([header, records]);
}

const rec = (value: string, key: string | null = 'k'): TestRecord => ({ key, value });

void test('plain and gzip batches: offsets, keys, values, timestamps and headers in order', () => {
  const data = Buffer.concat([
    batch({ baseOffset: 0, records: [{ key: 'c1', value: 'a', headers: [['sb-event-type', 'audio'], ['sb-event-type', 'second'], ['x', '']] }, rec('b')] }),
    batch({ baseOffset: 2, records: [rec('c', null), { key: 'c2', value: null }], attributes: 1 }),
    batch({ baseOffset: 4, records: [rec('d')], attributes: 0x08, maxTimestamp: 7777 }), // log-append time
  ]);
  const parsed = parseRecordBatches('t', 3, data, 0, []);
  assert.equal(parsed.nextOffset, 5);
  assert.equal(offsetAfter(data, 0), 5);
  assert.deepEqual(parsed.records.map((r) => [r.topic, r.partition, r.offset, r.key, r.value.toString(), r.timestampMs]), [
    ['t', 3, '0', 'c1', 'a', 1000], ['t', 3, '1', 'k', 'b', 1010], ['t', 3, '2', '', 'c', 1000], ['t', 3, '3', 'c2', '', 1010], ['t', 3, '4', 'k', 'd', 7777],
  ]);
  assert.deepEqual(parsed.records[0]!.headers, { 'sb-event-type': 'audio', x: '' }, 'the first value of a repeated header');
  assert.deepEqual(parsed.records[1]!.headers, {});
});

void test('records before the fetch offset are dropped; a cut-off last batch is left for the next fetch', () => {
  const whole = batch({ baseOffset: 10, records: [rec('a'), rec('b'), rec('c')] });
  const next = batch({ baseOffset: 13, records: [rec('d')] });
  const data = Buffer.concat([whole, next.subarray(0, next.length - 3)]);
  const parsed = parseRecordBatches('t', 0, data, 11, []);
  assert.deepEqual(parsed.records.map((r) => r.offset), ['11', '12']);
  assert.equal(parsed.nextOffset, 13);
  assert.equal(offsetAfter(data, 11), 13);
  assert.equal(parseRecordBatches('t', 0, next.subarray(0, 40), 13, []).nextOffset, 13, 'not even a header: no progress, no records');
});

void test('control batches and batches of aborted transactions are skipped, committed ones kept', () => {
  const TRANSACTIONAL = 0x10;
  const CONTROL = 0x20;
  const data = Buffer.concat([
    batch({ baseOffset: 0, records: [rec('aborted-1'), rec('aborted-2')], attributes: TRANSACTIONAL, producerId: 7 }),
    batch({ baseOffset: 2, records: [rec('plain')] }),
    batch({ baseOffset: 3, records: [{ key: 'ctl', value: 'ctl' }], attributes: TRANSACTIONAL | CONTROL, producerId: 7 }), // abort marker
    batch({ baseOffset: 4, records: [rec('committed')], attributes: TRANSACTIONAL, producerId: 7 }),
    batch({ baseOffset: 5, records: [{ key: 'ctl', value: 'ctl' }], attributes: TRANSACTIONAL | CONTROL, producerId: 7 }), // commit marker
  ]);
  const parsed = parseRecordBatches('t', 0, data, 0, [{ producerId: 7, firstOffset: 0 }]);
  assert.deepEqual(parsed.records.map((r) => r.value.toString()), ['plain', 'committed']);
  assert.equal(parsed.nextOffset, 6, 'the position moves past skipped batches too');
});

void test('a codec other than none and gzip is refused by name, not misread', () => {
  const lz4 = batch({ baseOffset: 0, records: [rec('a')], attributes: 3 });
  assert.throws(() => parseRecordBatches('t', 0, lz4, 0, []), (err: unknown) => err instanceof UnsupportedCompressionError && /lz4/.test(err.message));
});
