// The hand-written audio record writer against the generated codec: byte for byte what
// Envelope.encode writes for the same envelope, over the edge cases of every field it writes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Codec, Envelope } from '@switchboard/contracts';
import { newEnvelope } from '@switchboard/runtime';
import { AudioRecordWriter } from '../../src/call/audio-record';
import { FRAME_DURATION_MS, mediaFormatOf, type MediaFormat } from '../../src/call/media-format';

const SOURCE = { tenantId: 'acme', conversationId: randomUUID(), source: 'gateway' };

function frames(format: MediaFormat, count: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length: count * format.frameBytes }, (_, i) => (i * 7 + seed) % 256));
}

/** What the generated encoder writes for this record. */
function generated(format: MediaFormat, eventId: string, occurredAtMs: number, firstSequence: number, payload: Buffer, frameCount: number): Uint8Array {
  return Envelope.encode(newEnvelope({ ...SOURCE, eventId, occurredAtMs }, 'audio', {
    codec: format.codec, sampleRateHz: format.sampleRateHz, channels: format.channels,
    firstSequence, frameCount, frameDurationMs: FRAME_DURATION_MS, payload,
  })).finish();
}

function written(writer: AudioRecordWriter, eventId: string, occurredAtMs: number, firstSequence: number, payload: Buffer, frameCount: number): Uint8Array {
  const buf = writer.allocate();
  payload.copy(buf, writer.payloadOffset);
  return writer.finish(buf, eventId, occurredAtMs, firstSequence, frameCount);
}

const CASES: ReadonlyArray<{ name: string; format: MediaFormat; maxFrames: number; frameCount: number; firstSequence: number; occurredAtMs: number }> = [
  { name: 'G.711, full batch', format: mediaFormatOf(Codec.CODEC_PCMU, 8000), maxFrames: 5, frameCount: 5, firstSequence: 1, occurredAtMs: Date.now() },
  { name: 'G.711, one frame of a batch, first sequence 0 (left out on the wire)', format: mediaFormatOf(Codec.CODEC_PCMA, 8000), maxFrames: 10, frameCount: 1, firstSequence: 0, occurredAtMs: 1 },
  { name: 'sequence beyond 32 bits', format: mediaFormatOf(Codec.CODEC_PCMU, 8000), maxFrames: 10, frameCount: 7, firstSequence: 2 ** 40 + 3, occurredAtMs: 2 ** 45 },
  { name: 'largest safe sequence', format: mediaFormatOf(Codec.CODEC_PCMU, 8000), maxFrames: 2, frameCount: 2, firstSequence: Number.MAX_SAFE_INTEGER - 1, occurredAtMs: Date.now() },
  { name: 'L16 48 kHz, many frames (multi-byte lengths)', format: mediaFormatOf(Codec.CODEC_L16, 48000), maxFrames: 500, frameCount: 500, firstSequence: 127, occurredAtMs: Date.now() },
  { name: 'L16 16 kHz, 128 frames', format: mediaFormatOf(Codec.CODEC_L16, 16000), maxFrames: 200, frameCount: 128, firstSequence: 128, occurredAtMs: Date.now() },
];

for (const c of CASES) {
  void test(`audio record bytes equal Envelope.encode: ${c.name}`, () => {
    const writer = new AudioRecordWriter(SOURCE, c.format, c.maxFrames);
    const payload = frames(c.format, c.frameCount, c.firstSequence % 251);
    const eventId = randomUUID();
    const value = written(writer, eventId, c.occurredAtMs, c.firstSequence, payload, c.frameCount);
    assert.deepEqual(Buffer.from(value), Buffer.from(generated(c.format, eventId, c.occurredAtMs, c.firstSequence, payload, c.frameCount)));
    const decoded = Envelope.decode(value);
    assert.equal(decoded.audio?.frameCount, c.frameCount);
    assert.equal(decoded.audio?.firstSequence, c.firstSequence);
  });
}

void test('another tenant, source and a non-UUID event id of odd length still match the generated encoding', () => {
  const format = mediaFormatOf(Codec.CODEC_PCMU, 8000);
  const source = { tenantId: 'a'.repeat(64), conversationId: 'c-1', source: 'sip-ingress' };
  const writer = new AudioRecordWriter(source, format, 3);
  const payload = frames(format, 3, 9);
  const value = written(writer, 'evt-é', 42, 9, payload, 3);
  const expected = Envelope.encode(newEnvelope({ ...source, eventId: 'evt-é', occurredAtMs: 42 }, 'audio', {
    codec: format.codec, sampleRateHz: format.sampleRateHz, channels: format.channels, firstSequence: 9, frameCount: 3, frameDurationMs: FRAME_DURATION_MS, payload,
  })).finish();
  assert.deepEqual(Buffer.from(value), Buffer.from(expected));
});

void test('frame counts outside 1..maxFrames are refused rather than written', () => {
  const writer = new AudioRecordWriter(SOURCE, mediaFormatOf(Codec.CODEC_PCMU, 8000), 5);
  assert.throws(() => writer.finish(writer.allocate(), randomUUID(), 1, 1, 0), RangeError);
  assert.throws(() => writer.finish(writer.allocate(), randomUUID(), 1, 1, 6), RangeError);
});
