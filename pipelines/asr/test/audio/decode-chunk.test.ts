import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, type AudioChunk } from '@switchboard/contracts';
import { isSwitchboardError } from '@switchboard/runtime';
import { encodeALaw, encodeL16, encodeMuLaw } from '@switchboard/speech';
import { decodeChunk } from '../../src/audio/decode-chunk';
import { voiced } from '../support/signals';

const chunk = (codec: Codec, payload: Buffer, frameCount: number, sampleRateHz = 8000, frameDurationMs = 20): AudioChunk =>
  ({ codec, sampleRateHz, channels: 1, firstSequence: 7, frameCount, frameDurationMs, payload });

test('µ-law, A-law and L16 chunks become 20 ms PCM frames', () => {
  const pcm = voiced(60);
  for (const [codec, bytes, tolerance] of [
    [Codec.CODEC_PCMU, encodeMuLaw(pcm), 260],
    [Codec.CODEC_PCMA, encodeALaw(pcm), 260],
    [Codec.CODEC_L16, encodeL16(pcm), 0],
  ] as const) {
    const d = decodeChunk(chunk(codec, bytes, 3));
    assert.equal(d.firstSequence, 7);
    assert.equal(d.frames.length, 3);
    d.frames.forEach((f, k) => {
      assert.equal(f.length, 160);
      f.forEach((v, i) => { assert.ok(Math.abs(v - pcm[k * 160 + i]!) <= tolerance, `${Codec[codec]} sample ${k * 160 + i}`); });
    });
  }
});

test('L16 at 16 kHz makes 320-sample frames; an unset frame duration means 20 ms', () => {
  const d = decodeChunk(chunk(Codec.CODEC_L16, Buffer.alloc(2 * 320 * 2), 2, 16000, 0));
  assert.equal(d.frames.length, 2);
  assert.equal(d.frames[0]?.length, 320);
});

test('chunks that break the contract are INVALID_EVENT', () => {
  const bad: [AudioChunk, RegExp][] = [
    [chunk(Codec.CODEC_PCMU, Buffer.alloc(300), 2), /payload is 300 bytes, not 2 frames of 160/],
    [chunk(Codec.CODEC_PCMA, Buffer.alloc(640), 2, 16000), /G\.711 at 16000 Hz/],
    [chunk(Codec.CODEC_UNSPECIFIED, Buffer.alloc(320), 2), /codec CODEC_UNSPECIFIED is not supported/],
    [chunk(Codec.CODEC_PCMU, Buffer.alloc(240), 1, 8000, 30), /frame_duration_ms is 30/],
    [chunk(Codec.CODEC_PCMU, Buffer.alloc(0), 0), /has no frames/],
  ];
  for (const [c, message] of bad) {
    assert.throws(() => decodeChunk(c), (err: unknown) => isSwitchboardError(err, 'INVALID_EVENT') && message.test(err.message));
  }
});
