// The Kafka value of an audio record — an Envelope whose payload is an AudioChunk — written
// straight into the buffer the call's frames are gathered in. Each frame is copied once, from the
// received gRPC message into that buffer, and the buffer becomes the record value: no envelope
// writer growing and copying, no second copy of the payload. The bytes are exactly those the
// generated Envelope.encode writes for the same envelope (test/call/audio-record.test.ts):
// the fields that stay the same for a whole call are encoded once by the generated encoders; the
// four that change per record (event id, occurred-at, first sequence, frame count) are written
// here, with tags read from what the generated encoder writes.
import { AudioChunk, Envelope } from '@switchboard/contracts';
import { SCHEMA_VERSION } from '@switchboard/runtime';
import { fieldTag, varintSize, writeVarint } from '../wire/varint';
import { FRAME_DURATION_MS, type MediaFormat } from './media-format';

const BASE_ENVELOPE: Envelope = Envelope.decode(new Uint8Array(0));
const BASE_CHUNK: AudioChunk = AudioChunk.decode(new Uint8Array(0));
const ONE_BYTE = Buffer.of(1);

const EVENT_ID_TAG = fieldTag(Envelope.encode({ ...BASE_ENVELOPE, eventId: 'x' }).finish());
const OCCURRED_AT_TAG = fieldTag(Envelope.encode({ ...BASE_ENVELOPE, occurredAtMs: 1 }).finish());
const AUDIO_TAG = fieldTag(Envelope.encode({ ...BASE_ENVELOPE, audio: BASE_CHUNK }).finish());
const FIRST_SEQUENCE_TAG = fieldTag(AudioChunk.encode({ ...BASE_CHUNK, firstSequence: 1 }).finish());
const FRAME_COUNT_TAG = fieldTag(AudioChunk.encode({ ...BASE_CHUNK, frameCount: 1 }).finish());
const PAYLOAD_TAG = fieldTag(AudioChunk.encode({ ...BASE_CHUNK, payload: ONE_BYTE }).finish());

/** Room for the per-record fields: an event id of up to 64 bytes and every varint at its longest. */
const VARIABLE_HEADER_BYTES = 2 * 5 + 64 + 5 + 10 + 5 + 5 + 5 + 10 + 5 + 5 + 5 + 5;

export interface AudioRecordSource {
  readonly tenantId: string;
  readonly conversationId: string;
  /** The emitting component (the envelope's source). */
  readonly source: string;
}

/** One call's audio records: buffers laid out for up to `maxFrames` frames, and their envelopes. */
export class AudioRecordWriter {
  /** Where the first frame goes in a buffer from allocate(); frames follow back to back. */
  readonly payloadOffset: number;
  readonly frameBytes: number;
  // Generated encodings of the fields that never change within the call, in field order.
  private readonly tenantAndConversation: Uint8Array;
  private readonly sourceAndVersion: Uint8Array;
  private readonly formatFields: Uint8Array;
  private readonly durationField: Uint8Array;

  constructor(source: AudioRecordSource, format: MediaFormat, private readonly maxFrames: number) {
    this.frameBytes = format.frameBytes;
    this.tenantAndConversation = Envelope.encode({ ...BASE_ENVELOPE, tenantId: source.tenantId, conversationId: source.conversationId }).finish();
    this.sourceAndVersion = Envelope.encode({ ...BASE_ENVELOPE, source: source.source, schemaVersion: SCHEMA_VERSION }).finish();
    this.formatFields = AudioChunk.encode({ ...BASE_CHUNK, codec: format.codec, sampleRateHz: format.sampleRateHz, channels: format.channels }).finish();
    this.durationField = AudioChunk.encode({ ...BASE_CHUNK, frameDurationMs: FRAME_DURATION_MS }).finish();
    this.payloadOffset = VARIABLE_HEADER_BYTES + this.tenantAndConversation.length + this.sourceAndVersion.length + this.formatFields.length + this.durationField.length;
  }

  /** A buffer for one record: header room, then maxFrames frames from payloadOffset. */
  allocate(): Buffer {
    return Buffer.allocUnsafe(this.payloadOffset + this.maxFrames * this.frameBytes);
  }

  /**
   * Writes the envelope in front of the `frameCount` frames already at payloadOffset in `buf` and
   * returns the record value, a view of `buf`.
   */
  finish(buf: Buffer, eventId: string, occurredAtMs: number, firstSequence: number, frameCount: number): Uint8Array {
    if (frameCount < 1 || frameCount > this.maxFrames) throw new RangeError(`frameCount must be 1..${this.maxFrames}`);
    const payloadBytes = frameCount * this.frameBytes;
    const eventIdBytes = Buffer.byteLength(eventId);
    if (eventIdBytes === 0 || eventIdBytes > 64) throw new RangeError('eventId must be 1..64 bytes');
    // Zero values are left out, as the generated encoder does (proto3 defaults).
    const chunkBytes = this.formatFields.length
      + (firstSequence === 0 ? 0 : varintSize(FIRST_SEQUENCE_TAG) + varintSize(firstSequence))
      + varintSize(FRAME_COUNT_TAG) + varintSize(frameCount)
      + this.durationField.length
      + varintSize(PAYLOAD_TAG) + varintSize(payloadBytes) + payloadBytes;
    const headerBytes = varintSize(EVENT_ID_TAG) + varintSize(eventIdBytes) + eventIdBytes
      + this.tenantAndConversation.length
      + (occurredAtMs === 0 ? 0 : varintSize(OCCURRED_AT_TAG) + varintSize(occurredAtMs))
      + this.sourceAndVersion.length
      + varintSize(AUDIO_TAG) + varintSize(chunkBytes)
      + chunkBytes - payloadBytes;
    const start = this.payloadOffset - headerBytes;
    let at = writeVarint(buf, start, EVENT_ID_TAG);
    at = writeVarint(buf, at, eventIdBytes);
    at += buf.write(eventId, at, eventIdBytes, 'utf8');
    buf.set(this.tenantAndConversation, at);
    at += this.tenantAndConversation.length;
    if (occurredAtMs !== 0) at = writeVarint(buf, writeVarint(buf, at, OCCURRED_AT_TAG), occurredAtMs);
    buf.set(this.sourceAndVersion, at);
    at += this.sourceAndVersion.length;
    at = writeVarint(buf, writeVarint(buf, at, AUDIO_TAG), chunkBytes);
    buf.set(this.formatFields, at);
    at += this.formatFields.length;
    if (firstSequence !== 0) at = writeVarint(buf, writeVarint(buf, at, FIRST_SEQUENCE_TAG), firstSequence);
    at = writeVarint(buf, writeVarint(buf, at, FRAME_COUNT_TAG), frameCount);
    buf.set(this.durationField, at);
    at += this.durationField.length;
    at = writeVarint(buf, writeVarint(buf, at, PAYLOAD_TAG), payloadBytes);
    if (at !== this.payloadOffset) throw new Error('audio record header does not end where the payload starts');
    return buf.subarray(start, this.payloadOffset + payloadBytes);
  }
}
