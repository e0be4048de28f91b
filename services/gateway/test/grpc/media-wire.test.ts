// The server's request decoder against the generated codec: for every input, the same message
// (or the same refusal) as MediaClientMessage.decode — typical frames, every edge of the fast
// path, the messages it hands over, and seeded random corruptions of all of them; and the media
// side's audio frame encoder against the generated encoder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AudioFrame, Codec, MediaClientMessage } from '@switchboard/contracts';
import { frameMessage } from '../../src/grpc/grpc-frames';
import { decodeClientMessage, frameAudioMessage } from '../../src/grpc/media-wire';

const enc = (m: MediaClientMessage): Buffer => Buffer.from(MediaClientMessage.encode(m).finish());
const frame = (sequence: number, payload: Buffer): Buffer => enc({ audio: { sequence, payload } });
/** An audio field around hand-assembled AudioFrame bytes (field order, repeats). */
const audioField = (...parts: Uint8Array[]): Buffer => {
  const inner = Buffer.concat(parts);
  const prefix = Buffer.from(MediaClientMessage.encode({ audio: { sequence: 0, payload: Buffer.alloc(0) } }).finish()).subarray(0, 1);
  return Buffer.concat([prefix, Buffer.from([inner.length]), inner]);
};
const seqOnly = (sequence: number): Uint8Array => AudioFrame.encode({ sequence, payload: Buffer.alloc(0) }).finish();
const payloadOnly = (payload: Buffer): Uint8Array => AudioFrame.encode({ sequence: 0, payload }).finish();

type Outcome = { ok: MediaClientMessage } | { threw: true };
function outcome(decode: (b: Buffer) => MediaClientMessage, bytes: Buffer): Outcome {
  try {
    return { ok: decode(bytes) };
  } catch {
    return { threw: true };
  }
}

function assertSameAsGenerated(bytes: Buffer, label: string): void {
  assert.deepEqual(outcome(decodeClientMessage, bytes), outcome((b) => MediaClientMessage.decode(b), bytes), `${label}: ${bytes.toString('hex')}`);
}

const SAMPLES: ReadonlyArray<[string, Buffer]> = [
  ['G.711 frame', frame(1, Buffer.alloc(160, 0x55))],
  ['sequence 0 (left out)', frame(0, Buffer.alloc(160, 1))],
  ['sequence 2^35', frame(2 ** 35, Buffer.alloc(160, 2))],
  ['largest safe sequence (8-byte varint: the generated decoder takes it)', frame(Number.MAX_SAFE_INTEGER, Buffer.alloc(160, 3))],
  ['empty payload', frame(9, Buffer.alloc(0))],
  ['L16 48 kHz frame (2-byte length)', frame(77, Buffer.alloc(1920, 4))],
  ['empty audio message', audioField()],
  ['payload before sequence', audioField(payloadOnly(Buffer.alloc(160, 5)), seqOnly(12))],
  ['repeated sequence', audioField(seqOnly(3), seqOnly(4))],
  ['repeated payload', audioField(payloadOnly(Buffer.alloc(3, 6)), payloadOnly(Buffer.alloc(2, 7)))],
  ['unknown field inside the frame', audioField(seqOnly(5), Buffer.from([0x18, 0x01]))],
  ['start', enc({ start: { callId: 'c', tenantId: 't', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, callerNumber: '1', calleeNumber: '2', attributes: { a: 'b' } } })],
  ['dtmf', enc({ dtmf: { digit: '5', durationMs: 100 } })],
  ['hangup', enc({ hangup: { reason: 'bye' } })],
  ['audio then dtmf in one message', Buffer.concat([frame(1, Buffer.alloc(4, 8)), enc({ dtmf: { digit: '#', durationMs: 1 } })])],
  ['two audio fields', Buffer.concat([frame(1, Buffer.alloc(4, 8)), frame(2, Buffer.alloc(4, 9))])],
  ['empty message', Buffer.alloc(0)],
];

void test('every sample decodes exactly as the generated codec decodes it', () => {
  for (const [label, bytes] of SAMPLES) assertSameAsGenerated(bytes, label);
});

void test('a typical frame takes the fast path: its payload is a view of the message, not a copy', () => {
  const bytes = frame(42, Buffer.alloc(160, 0x7f));
  const m = decodeClientMessage(bytes);
  assert.equal(m.audio?.sequence, 42);
  assert.equal(m.audio?.payload.buffer, bytes.buffer);
  assert.equal(m.audio?.payload.length, 160);
});

void test('truncated and over-long messages are refused like the generated codec refuses them', () => {
  const good = frame(1, Buffer.alloc(160, 1));
  for (let cut = 1; cut < good.length; cut++) assertSameAsGenerated(good.subarray(0, cut), `cut at ${cut}`);
  assertSameAsGenerated(Buffer.concat([good, Buffer.from([0x12])]), 'a stray tag after the frame');
});

void test('seeded random corruptions decode exactly as the generated codec decodes them', () => {
  let state = 0x2545f491;
  const random = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  for (let round = 0; round < 20_000; round++) {
    const [, sample] = SAMPLES[random(SAMPLES.length)]!;
    const bytes = Buffer.from(sample);
    if (bytes.length === 0) continue;
    const edits = 1 + random(3);
    for (let e = 0; e < edits; e++) bytes[random(bytes.length)] = random(256);
    assertSameAsGenerated(bytes, `round ${round}`);
  }
});

test('the media side encodes audio frames byte for byte as the generated encoder, framed', () => {
  const cases: Array<[number, Buffer]> = [
    [1, Buffer.alloc(160, 0xff)], [0, Buffer.alloc(160, 1)], [127, Buffer.alloc(160, 2)], [128, Buffer.alloc(320, 3)],
    [2 ** 31, Buffer.alloc(160, 4)], [Number.MAX_SAFE_INTEGER, Buffer.alloc(1, 5)], [9, Buffer.alloc(0)], [0, Buffer.alloc(0)],
  ];
  for (const [sequence, payload] of cases) {
    assert.deepEqual(frameAudioMessage(sequence, payload), frameMessage(enc({ audio: { sequence, payload } })), `sequence ${sequence}, ${payload.length} bytes`);
  }
});
