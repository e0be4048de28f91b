// Kafka record batches (message format v2, the only one Kafka 4.x stores) → the bus port's
// InboundRecords, read in place: values are views into the fetch response, nothing else is copied.
// Control batches and, under read_committed, batches of aborted transactions are skipped; a batch
// the broker cut off at the end of a response is left for the next fetch.
import { gunzipSync } from 'node:zlib';
import type { InboundRecord } from '@switchboard/runtime';

export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
}

export interface ParsedRecords {
  readonly records: InboundRecord[];
  /** The offset to fetch next: past the last complete batch (control and aborted ones included). */
  readonly nextOffset: number;
}

/** A batch compressed with a codec this consumer does not read (only none and gzip). */
export class UnsupportedCompressionError extends Error {}

const HEADER_BYTES = 61;
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const EMPTY = Buffer.alloc(0);

/** Reads Kafka's zigzag varints; positions advance in place. */
class VarintReader {
  constructor(public buf: Buffer, public pos: number) {}

  /** A zigzag varint (int32 or int64 range, returned as a number). */
  varint(): number {
    let value = 0;
    let scale = 1;
    let b: number;
    do {
      b = this.buf[this.pos++]!;
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b >= 0x80);
    // zigzag: 0 → 0, 1 → -1, 2 → 1, … (in doubles, exact below 2^53)
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }
}

/**
 * Parses one partition's records from a fetch response.
 * `fetchOffset`: records before it (the broker returns whole batches) are dropped.
 */
export function parseRecordBatches(
  topic: string, partition: number, data: Buffer, fetchOffset: number, aborted: readonly AbortedTransaction[],
): ParsedRecords {
  const records: InboundRecord[] = [];
  let nextOffset = fetchOffset;
  const pendingAborts = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
  const abortedProducers = new Set<number>();
  let o = 0;
  while (o + HEADER_BYTES <= data.length) {
    const baseOffset = readInt64(data, o);
    const end = o + 12 + data.readInt32BE(o + 8);
    if (end > data.length) break; // cut off: fetched again next time
    const magic = data.readInt8(o + 16);
    if (magic !== 2) throw new Error(`unsupported Kafka message format v${magic} in ${topic}/${partition} at offset ${baseOffset}`);
    const attributes = data.readInt16BE(o + 21);
    const lastOffset = baseOffset + data.readInt32BE(o + 23);
    const producerId = readInt64(data, o + 43);
    const count = data.readInt32BE(o + 57);
    while (pendingAborts.length > 0 && pendingAborts[0]!.firstOffset <= lastOffset) abortedProducers.add(pendingAborts.shift()!.producerId);
    const isControl = (attributes & 0x20) !== 0;
    const isTransactional = (attributes & 0x10) !== 0;
    if (isControl) {
      abortedProducers.delete(producerId); // the transaction's end marker
    } else if (!(isTransactional && abortedProducers.has(producerId))) {
      const logAppendTime = (attributes & 0x08) !== 0;
      const ctx = { topic, partition, baseOffset, fetchOffset, baseTimestamp: readInt64(data, o + 27), maxTimestamp: logAppendTime ? readInt64(data, o + 35) : -1 };
      const body = recordsBody(data, o + HEADER_BYTES, end, attributes & 0x07, topic, partition, baseOffset);
      readRecords(body, count, ctx, records);
    }
    nextOffset = Math.max(nextOffset, lastOffset + 1);
    o = end;
  }
  return { records, nextOffset };
}

/**
 * Where the next fetch of a partition starts after `data`: past its last complete batch. Only the
 * batch headers are read, so the next fetch can be sent before the records are.
 */
export function offsetAfter(data: Buffer, fetchOffset: number): number {
  let next = fetchOffset;
  for (let o = 0; o + HEADER_BYTES <= data.length;) {
    const end = o + 12 + data.readInt32BE(o + 8);
    if (end > data.length) break;
    next = Math.max(next, readInt64(data, o) + data.readInt32BE(o + 23) + 1);
    o = end;
  }
  return next;
}

function recordsBody(data: Buffer, start: number, end: number, codec: number, topic: string, partition: number, baseOffset: number): Buffer {
  if (codec === 0) return data.subarray(start, end);
  if (codec === 1) return gunzipSync(data.subarray(start, end));
  throw new UnsupportedCompressionError(`${CODECS[codec] ?? `codec ${codec}`}-compressed record batch in ${topic}/${partition} at offset ${baseOffset}: only uncompressed and gzip batches are read`);
}

interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  readonly baseOffset: number;
  readonly fetchOffset: number;
  readonly baseTimestamp: number;
  /** The batch timestamp when the topic stamps records at append time, else -1. */
  readonly maxTimestamp: number;
}

function readRecords(body: Buffer, count: number, ctx: BatchContext, out: InboundRecord[]): void {
  const r = new VarintReader(body, 0);
  for (let i = 0; i < count && r.pos < body.length; i++) {
    const length = r.varint();
    const recordEnd = r.pos + length;
    r.pos++; // attributes (unused)
    const timestampDelta = r.varint();
    const offset = ctx.baseOffset + r.varint();
    const keyLength = r.varint();
    const keyStart = r.pos;
    r.pos += Math.max(0, keyLength);
    const valueLength = r.varint();
    const valueStart = r.pos;
    r.pos += Math.max(0, valueLength);
    if (offset >= ctx.fetchOffset) {
      out.push(new FetchedRecord(
        ctx.topic,
        ctx.partition,
        offset,
        keyLength > 0 ? body.toString('utf8', keyStart, keyStart + keyLength) : '',
        valueLength >= 0 ? body.subarray(valueStart, valueStart + valueLength) : EMPTY,
        ctx.maxTimestamp >= 0 ? ctx.maxTimestamp : ctx.baseTimestamp + timestampDelta,
        body,
        r.pos,
      ));
    }
    r.pos = recordEnd;
  }
}

/** A record read in place. Its offset as text and its headers (which the sink rarely needs) are built on first use. */
class FetchedRecord implements InboundRecord {
  private parsedHeaders: Record<string, string> | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly offsetNumber: number,
    readonly key: string,
    readonly value: Buffer,
    readonly timestampMs: number,
    private readonly body: Buffer,
    private readonly headersAt: number,
  ) {}

  get offset(): string {
    return String(this.offsetNumber);
  }

  get headers(): Record<string, string> {
    this.parsedHeaders ??= readHeaders(new VarintReader(this.body, this.headersAt));
    return this.parsedHeaders;
  }
}

/** Headers as text, the first value of a repeated key kept (like the kafkajs adapter). */
function readHeaders(r: VarintReader): Record<string, string> {
  const headers: Record<string, string> = {};
  const n = r.varint();
  for (let i = 0; i < n; i++) {
    const keyLength = r.varint();
    const key = r.buf.toString('utf8', r.pos, r.pos + keyLength);
    r.pos += keyLength;
    const valueLength = r.varint();
    const value = valueLength > 0 ? r.buf.toString('utf8', r.pos, r.pos + valueLength) : '';
    r.pos += Math.max(0, valueLength);
    if (!Object.hasOwn(headers, key)) headers[key] = value;
  }
  return headers;
}

function readInt64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * 2 ** 32 + buf.readUInt32BE(at + 4);
}
