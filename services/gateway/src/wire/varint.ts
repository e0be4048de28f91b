// Protobuf varints for the gateway's hand-written hot-path codecs (grpc/media-wire.ts,
// call/audio-record.ts). Field tags are never typed in by hand: fieldTag() reads them from what
// the generated (ts-proto) encoder writes, so proto/ stays the only source of the wire layout.

/** Bytes a varint of `value` (a non-negative safe integer) takes. */
export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Writes `value` (a non-negative safe integer) at `offset`; returns the offset after it. */
export function writeVarint(buf: Uint8Array, offset: number, value: number): number {
  while (value >= 0x80) {
    buf[offset++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  buf[offset++] = value;
  return offset;
}

/** Where a varint read stopped and what it held; value is -1 when it ran past `end` or past 7 bytes. */
export interface VarintRead {
  value: number;
  next: number;
}

/**
 * Reads a varint of at most 7 bytes (values below 2^49, always a safe integer). Longer or
 * truncated varints yield -1: the caller then leaves the message to the generated decoder.
 * `out` is reused by the caller so that reading allocates nothing.
 */
export function readVarint(buf: Uint8Array, offset: number, end: number, out: VarintRead): VarintRead {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 7 && offset < end; i++) {
    const byte = buf[offset++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      out.value = value;
      out.next = offset;
      return out;
    }
    scale *= 128;
  }
  out.value = -1;
  out.next = offset;
  return out;
}

/** The tag at the start of `encoded`: pass what the generated encoder writes for a message with exactly one field set. */
export function fieldTag(encoded: Uint8Array): number {
  const read = readVarint(encoded, 0, encoded.length, { value: -1, next: 0 });
  if (read.value <= 0) throw new Error('fieldTag: the encoding does not start with a field tag');
  return read.value;
}
