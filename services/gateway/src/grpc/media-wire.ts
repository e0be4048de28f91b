// MediaIngest.Stream on the wire: the service definition built from the GENERATED codecs, and the
// server's request decoder. Nearly every message of a call is one 20 ms audio frame; those are
// read here without the generated decoder's reader object and payload copy (the payload is a view
// of the received message). Anything else — start, DTMF, hang-up, unknown or repeated fields,
// varints this reader does not take — goes to the generated decoder, so the result is always
// what MediaClientMessage.decode returns (test/grpc/media-wire.test.ts checks that, fuzz included).
import type { ServiceDefinition } from '@grpc/grpc-js';
import { AudioFrame, MediaClientMessage, MediaServerMessage } from '@switchboard/contracts';
import { fieldTag, readVarint, varintSize, writeVarint, type VarintRead } from '../wire/varint';
import { PREFIX_BYTES } from './grpc-frames';

export const MEDIA_STREAM_PATH = '/switchboard.v1.MediaIngest/Stream';

const serializeClient = (m: MediaClientMessage): Buffer => Buffer.from(MediaClientMessage.encode(m).finish());
const serializeServer = (m: MediaServerMessage): Buffer => Buffer.from(MediaServerMessage.encode(m).finish());

/** The service as the media side sees it: generated codecs both ways. */
export const MEDIA_INGEST_DEFINITION = {
  Stream: {
    path: MEDIA_STREAM_PATH,
    requestStream: true,
    responseStream: true,
    requestSerialize: serializeClient,
    requestDeserialize: (b: Buffer): MediaClientMessage => MediaClientMessage.decode(b),
    responseSerialize: serializeServer,
    responseDeserialize: (b: Buffer): MediaServerMessage => MediaServerMessage.decode(b),
    originalName: 'stream',
  },
} satisfies ServiceDefinition;

const EMPTY: Buffer = Buffer.alloc(0);
const ONE_BYTE = Buffer.of(1);
// Tags as the generated encoder writes them (a message with just that field set).
const AUDIO_TAG = fieldTag(MediaClientMessage.encode({ audio: { sequence: 0, payload: EMPTY } }).finish());
const SEQUENCE_TAG = fieldTag(AudioFrame.encode({ sequence: 1, payload: EMPTY }).finish());
const PAYLOAD_TAG = fieldTag(AudioFrame.encode({ sequence: 0, payload: ONE_BYTE }).finish());

/** Reused by every read: the decoder runs synchronously, one message at a time. */
const cursor: VarintRead = { value: -1, next: 0 };

/**
 * A message that is exactly one audio field holding at most one sequence and one payload, read
 * directly; undefined for anything else. The payload is a view into `b`, not a copy.
 */
function readAudioFrame(b: Buffer): MediaClientMessage | undefined {
  const end = b.length;
  if (readVarint(b, 0, end, cursor).value !== AUDIO_TAG) return undefined;
  if (readVarint(b, cursor.next, end, cursor).value < 0 || cursor.next + cursor.value !== end) return undefined;
  let pos = cursor.next;
  let sequence = 0;
  let payload: Buffer = EMPTY;
  let seenSequence = false;
  let seenPayload = false;
  while (pos < end) {
    const tag = readVarint(b, pos, end, cursor).value;
    if (tag === SEQUENCE_TAG && !seenSequence) {
      sequence = readVarint(b, cursor.next, end, cursor).value;
      if (sequence < 0) return undefined;
      seenSequence = true;
      pos = cursor.next;
    } else if (tag === PAYLOAD_TAG && !seenPayload) {
      const length = readVarint(b, cursor.next, end, cursor).value;
      if (length < 0 || cursor.next + length > end) return undefined;
      payload = b.subarray(cursor.next, cursor.next + length);
      seenPayload = true;
      pos = cursor.next + length;
    } else {
      return undefined;
    }
  }
  return { audio: { sequence, payload } };
}

/** The server's request deserializer: what MediaClientMessage.decode returns, audio frames read directly. */
export function decodeClientMessage(b: Buffer): MediaClientMessage {
  return readAudioFrame(b) ?? MediaClientMessage.decode(b);
}

/**
 * The media side's hot path: one audio frame as a complete gRPC length-prefixed message, written
 * without the generated encoder's writer object. Byte for byte what
 * frameMessage(MediaClientMessage.encode({ audio: { sequence, payload } }).finish()) gives
 * (test/grpc/media-wire.test.ts), zero fields omitted as proto3 requires.
 */
export function frameAudioMessage(sequence: number, payload: Uint8Array): Buffer {
  const sequenceBytes = sequence === 0 ? 0 : varintSize(SEQUENCE_TAG) + varintSize(sequence);
  const payloadBytes = payload.length === 0 ? 0 : varintSize(PAYLOAD_TAG) + varintSize(payload.length) + payload.length;
  const inner = sequenceBytes + payloadBytes;
  const message = varintSize(AUDIO_TAG) + varintSize(inner) + inner;
  const out = Buffer.allocUnsafe(PREFIX_BYTES + message);
  out[0] = 0;
  out.writeUInt32BE(message, 1);
  let pos = writeVarint(out, PREFIX_BYTES, AUDIO_TAG);
  pos = writeVarint(out, pos, inner);
  if (sequenceBytes > 0) pos = writeVarint(out, writeVarint(out, pos, SEQUENCE_TAG), sequence);
  if (payloadBytes > 0) {
    pos = writeVarint(out, writeVarint(out, pos, PAYLOAD_TAG), payload.length);
    out.set(payload, pos);
  }
  return out;
}
