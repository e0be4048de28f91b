// The RFC 3550 §5.1 fixed header, read and written in place: the receive path handles ~50
// packets/s per call, so reading fills one reusable view instead of allocating per packet.

export const RTP_HEADER_BYTES = 12;

/** Why a datagram is not an RTP packet we can use (a closed set: each is a counter label). */
export type RtpDropReason = 'short' | 'version' | 'padding' | 'extension' | 'csrc';

/** Filled by `readRtp`; reused across packets. */
export class RtpView {
  marker = false;
  payloadType = 0;
  sequence = 0;
  timestamp = 0;
  ssrc = 0;
  payloadOffset = 0;
  payloadLength = 0;
}

/** Reads `packet` into `view`; returns why it is unusable, or undefined. */
export function readRtp(packet: Buffer, view: RtpView): RtpDropReason | undefined {
  if (packet.length < RTP_HEADER_BYTES) return 'short';
  const b0 = packet[0]!;
  if (b0 >> 6 !== 2) return 'version';
  let offset = RTP_HEADER_BYTES + (b0 & 0x0f) * 4;
  if (offset > packet.length) return 'csrc';
  if (b0 & 0x10) {
    // Header extension (§5.3.1): 16-bit profile, 16-bit length in 32-bit words.
    if (offset + 4 > packet.length) return 'extension';
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
    if (offset > packet.length) return 'extension';
  }
  let end = packet.length;
  if (b0 & 0x20) {
    // Padding (§5.1): the last octet counts the padding octets, itself included.
    const pad = packet[end - 1]!;
    if (pad === 0 || end - pad < offset) return 'padding';
    end -= pad;
  }
  const b1 = packet[1]!;
  view.marker = (b1 & 0x80) !== 0;
  view.payloadType = b1 & 0x7f;
  view.sequence = packet.readUInt16BE(2);
  view.timestamp = packet.readUInt32BE(4);
  view.ssrc = packet.readUInt32BE(8);
  view.payloadOffset = offset;
  view.payloadLength = end - offset;
  return undefined;
}

export interface RtpHeaderFields {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

/** Writes a 12-byte header (no CSRC, extension or padding) at the start of `packet`. */
export function writeRtpHeader(packet: Buffer, h: RtpHeaderFields): void {
  packet[0] = 0x80;
  packet[1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  packet.writeUInt16BE(h.sequence & 0xffff, 2);
  packet.writeUInt32BE(h.timestamp >>> 0, 4);
  packet.writeUInt32BE(h.ssrc >>> 0, 8);
}
