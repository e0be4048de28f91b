// Kafka's binary protocol primitives (big-endian integers, int16-length strings, int32-length
// arrays and bytes), for the few non-flexible request and response versions the sink's consumer
// speaks (protocol.ts). 64-bit integers are JavaScript numbers: offsets and timestamps stay far
// below 2^53.

export class RequestWriter {
  private buf = Buffer.allocUnsafe(512);
  private len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  int8(n: number): this {
    this.room(1);
    this.buf.writeInt8(n, this.len);
    this.len += 1;
    return this;
  }

  int16(n: number): this {
    this.room(2);
    this.buf.writeInt16BE(n, this.len);
    this.len += 2;
    return this;
  }

  int32(n: number): this {
    this.room(4);
    this.buf.writeInt32BE(n, this.len);
    this.len += 4;
    return this;
  }

  int64(n: number): this {
    this.room(8);
    this.buf.writeBigInt64BE(BigInt(n), this.len);
    this.len += 8;
    return this;
  }

  string(s: string | null): this {
    if (s === null) return this.int16(-1);
    const n = Buffer.byteLength(s);
    this.int16(n);
    this.room(n);
    this.buf.write(s, this.len, 'utf8');
    this.len += n;
    return this;
  }

  bytes(b: Uint8Array | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  array<T>(items: readonly T[], write: (item: T) => void): this {
    this.int32(items.length);
    for (const item of items) write(item);
    return this;
  }

  finish(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

/** Thrown when a response is shorter than its own lengths say: the connection is out of step. */
export class MalformedResponseError extends Error {}

export class ResponseReader {
  constructor(readonly buf: Buffer, public pos = 0, readonly end = buf.length) {}

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.end) throw new MalformedResponseError('Kafka response ended early');
    this.pos += n;
    return at;
  }

  int8(): number {
    return this.buf.readInt8(this.need(1));
  }

  int16(): number {
    return this.buf.readInt16BE(this.need(2));
  }

  int32(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  int64(): number {
    const at = this.need(8);
    return this.buf.readInt32BE(at) * 2 ** 32 + this.buf.readUInt32BE(at + 4);
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  string(): string {
    return this.nullableString() ?? '';
  }

  nullableString(): string | null {
    const n = this.int16();
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.toString('utf8', at, at + n);
  }

  /** A bytes field as a view into the response (no copy); null for a null field. */
  bytes(): Buffer | null {
    const n = this.int32();
    if (n < 0) return null;
    const at = this.need(n);
    return this.buf.subarray(at, at + n);
  }

  array<T>(read: (r: this) => T): T[] {
    return this.nullableArray(read) ?? [];
  }

  nullableArray<T>(read: (r: this) => T): T[] | null {
    const n = this.int32();
    if (n < 0) return null;
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read(this));
    return out;
  }
}
