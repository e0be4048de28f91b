import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { encodeL16, parseWav, tone } from '../../src/index';

function wav(samples: Int16Array, rate: number, opts: { dataSize?: number; channels?: number; extraChunk?: boolean } = {}): Buffer {
  const data = encodeL16(samples);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(opts.channels ?? 1, 10);
  fmt.writeUInt32LE(rate, 12);
  fmt.writeUInt32LE(rate * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const extra = opts.extraChunk === true ? Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from([1, 2, 3, 0])]) : Buffer.alloc(0);
  const head = Buffer.alloc(8);
  head.write('data', 0, 'ascii');
  head.writeUInt32LE(opts.dataSize ?? data.length, 4);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(4 + fmt.length + extra.length + head.length + data.length, 4);
  riff.write('WAVE', 8, 'ascii');
  return Buffer.concat([riff, fmt, extra, head, data]);
}

void test('reads mono 16-bit PCM, skipping other chunks (odd sizes padded)', () => {
  const samples = tone(440, 22050, 500);
  const audio = parseWav(wav(samples, 22050, { extraChunk: true }));
  assert.equal(audio.sampleRateHz, 22050);
  assert.deepEqual(audio.samples, samples);
});

void test('a streamed WAV whose data size is a placeholder is read to the end', () => {
  const samples = tone(440, 22050, 300);
  const audio = parseWav(wav(samples, 22050, { dataSize: 0x7ffff000 }));
  assert.deepEqual(audio.samples, samples);
});

void test('reads from an unaligned view', () => {
  const bytes = wav(tone(300, 8000, 100), 8000);
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  assert.deepEqual(parseWav(shifted.subarray(1)).samples, tone(300, 8000, 100));
});

void test('rejects what it cannot read with DECODE_FAILED', () => {
  for (const bad of [Buffer.from('nope'), wav(tone(1, 8000, 10), 8000, { channels: 2 }), wav(tone(1, 8000, 10), 8000).subarray(0, 36)]) {
    assert.throws(() => parseWav(bad), (err) => isSwitchboardError(err, 'DECODE_FAILED'));
  }
});
