import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SILENCE_DB } from '../../src/vad/config';
import { frameFeatures } from '../../src/vad/features';
import { FRAME, hiss, RATE, tone } from '../support/signals';

const near = (actual: number, expected: number, tolerance: number, what: string): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} not within ${tolerance} of ${expected}`);
};

test('a pure tone: energy of a sine, both frequency measures at its frequency', () => {
  const f = frameFeatures(tone(20, 500, 16384), RATE);
  near(f.energyDb, -9.03, 0.1, 'energy of a half-scale sine (-6 dB - 3 dB)'); // 20·log10(0.5) - 3.01
  near(f.zeroCrossingHz, 500, 30, 'zero-crossing frequency');
  near(f.rmsFrequencyHz, 500, 5, 'RMS frequency');
});

test('white noise sits near a quarter of the sample rate; silence is the floor value', () => {
  const f = frameFeatures(hiss(20, 8000, 11), RATE);
  near(f.rmsFrequencyHz, 2000, 250, 'RMS frequency of white noise');
  near(f.zeroCrossingHz, 2000, 400, 'zero-crossing frequency of white noise');
  assert.deepEqual(frameFeatures(new Int16Array(FRAME), RATE), { energyDb: SILENCE_DB, zeroCrossingHz: 0, rmsFrequencyHz: 0 });
});

test('a DC offset adds no energy', () => {
  const ac = tone(20, 300, 1000);
  const withDc = Int16Array.from(ac, (v) => v + 5000);
  near(frameFeatures(withDc, RATE).energyDb, frameFeatures(ac, RATE).energyDb, 0.2, 'energy with and without DC');
});
