import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tsv } from '../../src/index';

void test('text escapes backslash, tab, newline, CR and NUL and leaves the rest (UTF-8) alone', () => {
  assert.equal(tsv.text('a\tb\nc\\d\re\u0000f'), 'a\\tb\\nc\\\\d\\re\\0f');
  assert.equal(tsv.text('中文 \'q\' "dq"'), '中文 \'q\' "dq"');
});

void test('array strings are single-quoted with quote, backslash and control characters escaped', () => {
  assert.equal(tsv.stringArray(["it's", 'a\\b', 'tab\t', '中']), "['it\\'s','a\\\\b','tab\\t','中']");
  assert.equal(tsv.stringArray([]), '[]');
});

void test('numbers: non-finite floats use the engine spelling, integers saturate instead of failing', () => {
  assert.deepEqual([Number.NaN, Infinity, -Infinity, 0.5].map(tsv.float), ['nan', 'inf', '-inf', '0.5']);
  assert.equal(tsv.uint(-5), '0');
  assert.equal(tsv.uint(Number.NaN), '0');
  assert.equal(tsv.uint(70_000, 16), '65535');
  assert.equal(tsv.uint(2 ** 70), '18446744073709551615');
  assert.equal(tsv.uint(2 ** 60), '1152921504606846976');
  assert.equal(tsv.int(-(2 ** 70)), '-9223372036854775808');
  assert.equal(tsv.int(-42), '-42');
  assert.equal(tsv.intArray([1, -2]), '[1,-2]');
  assert.equal(tsv.floatArray([Number.NaN, 1]), '[nan,1]');
});

void test('bytes: raw mode escapes only the five special bytes, escaped mode also every byte >= 0x80', () => {
  const input = Buffer.from([0x41, 0x09, 0x0a, 0x0d, 0x00, 0x5c, 0x80, 0xff]);
  assert.deepEqual(tsv.bytes(input, 'raw'), Buffer.concat([Buffer.from('A\\t\\n\\r\\0\\\\'), Buffer.from([0x80, 0xff])]));
  assert.equal(tsv.bytes(input, 'escaped').toString('latin1'), 'A\\t\\n\\r\\0\\\\\\x80\\xff');
});

void test('rows join fields with tabs; the body joins rows with newlines, mixing text and byte rows', () => {
  const textRow = tsv.row(['a', 'b']);
  assert.equal(textRow, 'a\tb');
  const byteRow = tsv.row(['x', tsv.bytesField(Buffer.from([0xff]))]);
  assert.ok(Buffer.isBuffer(byteRow));
  const escapedRow = tsv.row(['中', tsv.bytesField(Buffer.from([0x09, 0xff])), 'y', tsv.bytesField(Buffer.from([0x80]))], 'escaped');
  assert.equal(escapedRow.toString(), '中\t\\t\\xff\ty\t\\x80');
  const body = tsv.body([textRow, byteRow, 'c']);
  assert.deepEqual(body, Buffer.concat([Buffer.from('a\tb\nx\t'), Buffer.from([0xff]), Buffer.from('\nc\n')]));
});
