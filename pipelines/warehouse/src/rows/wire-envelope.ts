// A minimal reader of the Envelope wire format for the sink's hot path: it finds where each field
// lies in the record value without building objects, copying bytes or decoding text, so rows can
// be written straight from those bytes (the generated decoder copies every `bytes` field, e.g.
// 800 bytes of audio per record, and decodes every string).
//
// It only *accepts*: anything it does not fully understand — a field seen twice, an unknown or
// mistyped field, a varint beyond 2^53 or its field's range, a string that is not valid UTF-8,
// truncation — makes it return false, and the caller takes the generated decoder's path, which
// also produces the precise reason for a dead letter. Tests check both paths give the same rows.
//
// Results go into caller-owned structs, reused from record to record: a row costs no garbage here.
import { isUtf8 } from 'node:buffer';

/** Where each Envelope field lies: [start, end) offsets into the record value. */
export class EnvelopeFields {
  eventIdStart = 0;
  eventIdEnd = 0;
  tenantIdStart = 0;
  tenantIdEnd = 0;
  conversationIdStart = 0;
  conversationIdEnd = 0;
  sourceStart = 0;
  sourceEnd = 0;
  occurredAtMs = 0;
  schemaVersion = 0;
  /** Field number of the oneof payload (10 … 19), 0 when there is none. */
  payloadField = 0;
  payloadStart = 0;
  payloadEnd = 0;
}

export class AudioChunkFields {
  codec = 0;
  sampleRateHz = 0;
  channels = 0;
  firstSequence = 0;
  frameCount = 0;
  frameDurationMs = 0;
  payloadStart = 0;
  payloadEnd = 0;
}

/** Envelope field number of the `audio` payload (AudioChunk). */
export const AUDIO_FIELD = 13;
const UINT32_MAX = 0xffff_ffff;
const INT32_MAX = 0x7fff_ffff;
const WIRE_VARINT = 0;
const WIRE_LEN = 2;
const FAIL = -1;

// The reading position, shared by the functions below (single-threaded and never re-entered).
let pos = 0;

/** A non-negative varint up to 2^53 - 1 at `pos`; FAIL when longer, larger or past `end`. */
function varint(buf: Uint8Array, end: number): number {
  let value = 0;
  let scale = 1;
  // 8 bytes carry 56 bits: anything longer is a negative int64 or beyond 2^53 anyway.
  for (let i = 0; i < 8 && pos < end; i++) {
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value <= Number.MAX_SAFE_INTEGER ? value : FAIL;
    scale *= 128;
  }
  return FAIL;
}

/** The tag at `pos` (field number * 8 + wire type); FAIL when it is not a valid uint32. */
function tag(buf: Uint8Array, end: number): number {
  const t = varint(buf, end);
  return t > UINT32_MAX ? FAIL : t;
}

/** A length-delimited field's length (after its tag), when it fits before `end`; else FAIL. */
function length(buf: Uint8Array, end: number): number {
  const n = varint(buf, end);
  return n < 0 || pos + n > end ? FAIL : n;
}

/** Valid UTF-8, as the generated decoder would return it unchanged (ASCII checked here, the rest natively). */
function validText(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return isUtf8(buf.subarray(start, end));
  return true;
}

/** Reads an Envelope into `out`; false when the generated decoder must decide (see the top). */
export function readEnvelope(buf: Uint8Array, out: EnvelopeFields): boolean {
  const end = buf.length;
  pos = 0;
  let seen = 0;
  out.eventIdStart = out.eventIdEnd = out.tenantIdStart = out.tenantIdEnd = 0;
  out.conversationIdStart = out.conversationIdEnd = out.sourceStart = out.sourceEnd = 0;
  out.occurredAtMs = out.schemaVersion = out.payloadField = out.payloadStart = out.payloadEnd = 0;
  while (pos < end) {
    const t = tag(buf, end);
    const field = t < 0 ? 0 : Math.floor(t / 8);
    const wire = t & 7;
    // Payload fields (10 … 19) share one bit: a second payload of any kind is not for this reader.
    const bit = field >= 10 ? 1 << 10 : 1 << field;
    if (field === 0 || field > 19 || (field > 6 && field < 10) || (seen & bit) !== 0) return false;
    seen |= bit;
    if (field === 4 || field === 6) {
      const value = wire === WIRE_VARINT ? varint(buf, end) : FAIL;
      if (value < 0 || (field === 6 && value > UINT32_MAX)) return false;
      if (field === 4) out.occurredAtMs = value;
      else out.schemaVersion = value;
      continue;
    }
    const n = wire === WIRE_LEN ? length(buf, end) : FAIL;
    if (n < 0) return false;
    const start = pos;
    pos += n;
    if (field < 10 && !validText(buf, start, pos)) return false;
    if (field === 1) {
      out.eventIdStart = start;
      out.eventIdEnd = pos;
    } else if (field === 2) {
      out.tenantIdStart = start;
      out.tenantIdEnd = pos;
    } else if (field === 3) {
      out.conversationIdStart = start;
      out.conversationIdEnd = pos;
    } else if (field === 5) {
      out.sourceStart = start;
      out.sourceEnd = pos;
    } else {
      out.payloadField = field;
      out.payloadStart = start;
      out.payloadEnd = pos;
    }
  }
  return true;
}

/** Reads the AudioChunk at [start, end) into `out`; false when the generated decoder must decide. */
export function readAudioChunk(buf: Uint8Array, start: number, end: number, out: AudioChunkFields): boolean {
  pos = start;
  let seen = 0;
  out.codec = out.sampleRateHz = out.channels = out.firstSequence = out.frameCount = out.frameDurationMs = 0;
  out.payloadStart = out.payloadEnd = 0;
  while (pos < end) {
    const t = tag(buf, end);
    const field = t < 0 ? 0 : Math.floor(t / 8);
    if (field < 1 || field > 7 || (seen & (1 << field)) !== 0) return false;
    seen |= 1 << field;
    if (field === 7) {
      const n = (t & 7) === WIRE_LEN ? length(buf, end) : FAIL;
      if (n < 0) return false;
      out.payloadStart = pos;
      pos += n;
      out.payloadEnd = pos;
      continue;
    }
    const value = (t & 7) === WIRE_VARINT ? varint(buf, end) : FAIL;
    // codec is an int32 enum (negatives take 10 bytes and fail above); first_sequence is a uint64
    // (up to 2^53 here); the rest are uint32.
    if (value < 0 || value > (field === 1 ? INT32_MAX : field === 4 ? Number.MAX_SAFE_INTEGER : UINT32_MAX)) return false;
    if (field === 1) out.codec = value;
    else if (field === 2) out.sampleRateHz = value;
    else if (field === 3) out.channels = value;
    else if (field === 4) out.firstSequence = value;
    else if (field === 5) out.frameCount = value;
    else out.frameDurationMs = value;
  }
  return true;
}
