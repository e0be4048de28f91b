// TabSeparated field encoding, as ClickHouse reads it (18.16 and current engines):
// - a String field escapes backslash, tab, newline, CR and NUL with a backslash;
// - arbitrary bytes go raw, or as \xHH when the transport is not byte-clean (see BytesEncoding);
// - arrays are [elem,elem] with strings single-quoted (quote and backslash escaped, and the
//   control characters too, since the array still sits inside one TSV field);
// - numbers are plain decimals; nan/inf/-inf are the engine's spellings of non-finite floats.
// Every encoder accepts any input value and returns a field that parses: one bad row must never
// make a whole insert fail, because a failed insert is retried and redelivered forever.
import type { BytesEncoding } from '../clickhouse/clients';
import { beginRow, endRow } from './row-slab';

/** One encoded row (without the trailing newline, fields already escaped and tab-joined). */
export type EncodedRow = string | Buffer;

const TEXT_SPECIAL = /[\\\t\n\r\0]/g;
const TEXT_SPECIAL_TEST = /[\\\t\n\r\0]/;
const QUOTED_SPECIAL = /[\\'\t\n\r\0]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const escapeChar = (c: string): string => ESCAPES[c]!;

/** A String field from text. */
export function text(value: string): string {
  // Most values hold nothing to escape: testing is cheaper than replacing.
  return TEXT_SPECIAL_TEST.test(value) ? value.replace(TEXT_SPECIAL, escapeChar) : value;
}

/** A single-quoted string inside an array field. */
export function quoted(value: string): string {
  return `'${value.replace(QUOTED_SPECIAL, escapeChar)}'`;
}

export function stringArray(values: readonly string[]): string {
  return `[${values.map(quoted).join(',')}]`;
}

export function floatArray(values: readonly number[]): string {
  return `[${values.map(float).join(',')}]`;
}

export function intArray(values: readonly number[]): string {
  return `[${values.map((v) => int(v)).join(',')}]`;
}

export function float(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

const UINT64_MAX = '18446744073709551615';
const INT64_MAX = '9223372036854775807';
const INT64_MIN = '-9223372036854775808';

/** An unsigned integer field: negatives and NaN become 0, values beyond `bits` saturate. */
export function uint(value: number, bits: 8 | 16 | 32 | 64 = 64): string {
  if (!(value > 0)) return '0';
  if (bits === 64) {
    if (value >= 2 ** 64) return UINT64_MAX;
    return Number.isSafeInteger(value) ? String(value) : BigInt(Math.trunc(value)).toString();
  }
  return String(Math.min(Math.trunc(value), 2 ** bits - 1));
}

/** A signed 64-bit (or narrower) integer field; NaN becomes 0, out-of-range values saturate. */
export function int(value: number): string {
  if (Number.isNaN(value)) return '0';
  if (value >= 2 ** 63) return INT64_MAX;
  if (value <= -(2 ** 63)) return INT64_MIN;
  return Number.isSafeInteger(value) ? String(value) : BigInt(Math.trunc(value)).toString();
}

export function bool(value: boolean): string {
  return value ? '1' : '0';
}

const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
/** For each byte: 0 = copy as is, else the letter after the backslash (0x78 'x' = \xHH). */
const RAW_ESCAPES = new Uint8Array(256);
RAW_ESCAPES[0x5c] = 0x5c; // backslash
RAW_ESCAPES[0x09] = 0x74; // \t
RAW_ESCAPES[0x0a] = 0x6e; // \n
RAW_ESCAPES[0x0d] = 0x72; // \r
RAW_ESCAPES[0x00] = 0x30; // \0
const HEX_ESCAPES = Uint8Array.from(RAW_ESCAPES, (e, b) => (b >= 0x80 ? 0x78 : e));

const worstCase = (length: number, encoding: BytesEncoding): number => length * (encoding === 'raw' ? 2 : 4);

/** Escapes `value` into `out` at `offset` (room for the worst case needed); returns the new offset. */
function escapeInto(out: Buffer, offset: number, value: Uint8Array, encoding: BytesEncoding): number {
  const table = encoding === 'raw' ? RAW_ESCAPES : HEX_ESCAPES;
  let o = offset;
  for (let i = 0; i < value.length; i++) {
    const b = value[i]!;
    const esc = table[b]!;
    if (esc === 0) {
      out[o++] = b;
    } else if (esc === 0x78) {
      out[o++] = BACKSLASH;
      out[o++] = 0x78;
      out[o++] = HEX.charCodeAt(b >> 4);
      out[o++] = HEX.charCodeAt(b & 0x0f);
    } else {
      out[o++] = BACKSLASH;
      out[o++] = esc;
    }
  }
  return o;
}

/** A String field from bytes, escaped on its own (rows take byte fields via bytesField()). */
export function bytes(value: Uint8Array, encoding: BytesEncoding): Buffer {
  const out = Buffer.allocUnsafe(worstCase(value.length, encoding));
  return out.subarray(0, escapeInto(out, 0, value, encoding));
}

/** A byte field of a row: row() escapes it straight into the row's buffer (audio is the hot path). */
export interface BytesField {
  readonly bytes: Uint8Array;
}

export function bytesField(value: Uint8Array): BytesField {
  return { bytes: value };
}

/**
 * Joins fields (text already escaped, bytes not yet) into one row with tabs. A row without byte
 * fields stays a string; otherwise it is written straight into a slab, without per-field buffers.
 */
export function row(fields: ReadonlyArray<string | BytesField>, encoding: BytesEncoding = 'raw'): EncodedRow {
  // Consecutive text fields become one string, so the buffer gets few writes.
  let parts: Array<string | Uint8Array> | undefined;
  let run = '';
  let size = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (i > 0) run += '\t';
    if (typeof f === 'string') {
      run += f;
      continue;
    }
    (parts ??= []).push(run, f.bytes);
    size += Buffer.byteLength(run) + worstCase(f.bytes.length, encoding);
    run = '';
  }
  if (!parts) return run;
  parts.push(run);
  size += Buffer.byteLength(run);
  const { buf, start } = beginRow(size);
  let o = start;
  for (const part of parts) o = typeof part === 'string' ? o + buf.write(part, o, 'utf8') : escapeInto(buf, o, part, encoding);
  return endRow(o); // only what was written: the worst-case reserve beyond it is reused
}

const NEWLINE = Buffer.from('\n');

/** The insert body: rows separated by newlines; runs of string rows are converted in one go. */
export function body(rows: readonly EncodedRow[]): Buffer {
  const parts: Buffer[] = [];
  let run: string[] = [];
  const flushRun = (): void => {
    if (run.length === 0) return;
    parts.push(Buffer.from(run.join('\n') + '\n', 'utf8'));
    run = [];
  };
  for (const r of rows) {
    if (typeof r === 'string') {
      run.push(r);
    } else {
      flushRun();
      parts.push(r, NEWLINE);
    }
  }
  flushRun();
  return Buffer.concat(parts);
}
