// gRPC's message framing on an HTTP/2 stream (the "Length-Prefixed-Message" of the gRPC over
// HTTP/2 protocol): a compressed flag byte, a 4-byte big-endian length, then the message. DATA
// chunks split and join messages freely, so the reader keeps at most one partial message; in the
// common case (whole messages in a chunk) nothing is copied: each message is a view of the chunk.

export const PREFIX_BYTES = 5;

export type FrameError =
  | { readonly kind: 'compressed' }
  | { readonly kind: 'too-large'; readonly length: number };

export class GrpcMessageReader {
  /** Bytes of an unfinished message (prefix included), carried to the next chunk. */
  private partial: Buffer | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /**
   * Hands every complete message in `chunk` to `onMessage`, in order. Returns an error (and stops
   * reading) at a compressed message (we accept no encoding) or one above the size limit.
   */
  push(chunk: Buffer, onMessage: (message: Buffer) => void): FrameError | undefined {
    const data = this.partial === undefined ? chunk : Buffer.concat([this.partial, chunk]);
    this.partial = undefined;
    let pos = 0;
    while (data.length - pos >= PREFIX_BYTES) {
      if (data[pos] !== 0) return { kind: 'compressed' };
      const length = data.readUInt32BE(pos + 1);
      if (length > this.maxMessageBytes) return { kind: 'too-large', length };
      const end = pos + PREFIX_BYTES + length;
      if (end > data.length) break;
      onMessage(data.subarray(pos + PREFIX_BYTES, end));
      pos = end;
    }
    // A copy, so a retained remainder does not pin the whole chunk.
    if (pos < data.length) this.partial = Buffer.from(data.subarray(pos));
    return undefined;
  }

  /** Bytes of a message begun but not finished (a stream ending here was cut mid-message). */
  get pendingBytes(): number {
    return this.partial?.length ?? 0;
  }
}

/** One uncompressed length-prefixed message. */
export function frameMessage(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(PREFIX_BYTES + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, PREFIX_BYTES);
  return framed;
}

/**
 * grpc-message is percent-encoded: bytes outside printable ASCII, and '%' itself, become %XX of
 * their UTF-8 encoding (what every gRPC client decodes).
 */
export function encodeGrpcMessage(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
