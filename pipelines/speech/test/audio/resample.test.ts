import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resamplePcm16, resampledLength, tone } from '../../src/index';
import { powerAt, rms } from '../helpers/audio';

void test('keeps the duration and the pitch of a tone inside the new band', () => {
  const input = tone(1000, 22050, 22050); // 1 s
  const out = resamplePcm16(input, 22050, 8000);
  assert.equal(out.length, resampledLength(input.length, 22050, 8000));
  assert.equal(out.length, 8000);
  const body = out.subarray(200, 7800); // away from the edges
  assert.ok(powerAt(body, 8000, 1000) > 100 * powerAt(body, 8000, 1500), 'energy stays at 1 kHz');
  // Amplitude 8000 → RMS 8000/√2 ≈ 5657, kept within 2 %.
  assert.ok(Math.abs(rms(body) - 5657) < 113, `rms ${rms(body)}`);
});

void test('removes what lies above the new Nyquist frequency instead of aliasing it', () => {
  // 6 kHz at 22050 Hz would fold to 2 kHz at 8000 Hz without the low-pass.
  const out = resamplePcm16(tone(6000, 22050, 22050), 22050, 8000);
  const body = out.subarray(200, 7800);
  assert.ok(rms(body) < 60, `rms after filtering ${rms(body)} (input rms ≈ 5657)`);
  assert.ok(powerAt(body, 8000, 2000) < 1, 'no alias at 2 kHz');
});

void test('upsamples 8 kHz to 16 kHz without changing the tone', () => {
  const out = resamplePcm16(tone(440, 8000, 8000), 8000, 16000);
  assert.equal(out.length, 16000);
  const body = out.subarray(400, 15600);
  assert.ok(powerAt(body, 16000, 440) > 100 * powerAt(body, 16000, 880));
  assert.ok(Math.abs(rms(body) - 5657) < 113, `rms ${rms(body)}`);
});

void test('equal rates copy; bad rates throw; empty stays empty', () => {
  const input = tone(440, 8000, 80);
  const same = resamplePcm16(input, 8000, 8000);
  assert.deepEqual(same, input);
  assert.notEqual(same, input);
  assert.throws(() => resamplePcm16(input, 0, 8000), RangeError);
  assert.throws(() => resamplePcm16(input, 8000, 7999.5), RangeError);
  assert.equal(resamplePcm16(new Int16Array(0), 22050, 8000).length, 0);
});

void test('full-scale input does not overflow 16 bits', () => {
  const square = Int16Array.from({ length: 4410 }, (_, i) => (Math.floor(i / 20) % 2 === 0 ? 32767 : -32768));
  const out = resamplePcm16(square, 22050, 8000);
  assert.ok(out.every((s) => s >= -32768 && s <= 32767));
  assert.ok(rms(out) > 20000);
});
