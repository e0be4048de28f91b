// ClickHouse's RowBinary input format, for the hot path: each row is its columns one after the
// other, numbers little-endian at their column's width, a String as its length (unsigned LEB128)
// then its bytes as they are. Nothing is escaped or formatted as text, so a row is mostly copies.
// It needs a byte-clean transport (the HTTP server); chdb's connection decodes bodies as UTF-8,
// so that path keeps TSV. Writers take the buffer and offset and return the new offset; the
// caller reserves room (rowBinaryRoom).

/** Bytes a row can take at most: its source bytes plus room for lengths and numbers. */
export function rowBinaryRoom(sourceBytes: number, columns: number): number {
  return sourceBytes + columns * 10;
}

export function writeUInt32(out: Buffer, o: number, n: number): number {
  out[o] = n & 0xff;
  out[o + 1] = (n >>> 8) & 0xff;
  out[o + 2] = (n >>> 16) & 0xff;
  out[o + 3] = (n >>> 24) & 0xff;
  return o + 4;
}

/** A UInt64 from a non-negative safe integer. */
export function writeUInt64(out: Buffer, o: number, n: number): number {
  const high = Math.floor(n / 2 ** 32);
  writeUInt32(out, o, n >>> 0);
  return writeUInt32(out, o + 4, high);
}

/** A String column from `src[start, end)`. */
export function writeBytes(out: Buffer, o: number, src: Uint8Array, start: number, end: number): number {
  let n = end - start;
  // The length as unsigned LEB128.
  while (n >= 0x80) {
    out[o++] = (n & 0x7f) | 0x80;
    n >>>= 7;
  }
  out[o++] = n;
  const length = end - start;
  if (length > 64) {
    out.set(src.subarray(start, end), o);
    return o + length;
  }
  // Short values (ids, names): a loop beats a native call.
  for (let i = start; i < end; i++) out[o++] = src[i]!;
  return o;
}

