import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMuLaw, encodeMuLaw, tone } from '@switchboard/speech';
import { measureProsody } from '../../src/prosody/measure';
import { SILENCE_DB } from '../../src/prosody/options';
import { concat, gain, mix, modulate, pcm, silence, voice, whiteNoise } from './signals';

const near = (actual: number, expected: number, tolerance: number, what: string): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(3)} is not within ±${tolerance} of ${expected}`);
};

test('pitch of harmonic voices of known F0 across the 60–400 Hz range', () => {
  for (const f0 of [80, 100, 150, 220, 300, 380]) {
    const p = measureProsody(pcm(voice({ f0StartHz: f0, seconds: 1 })));
    near(p.pitchMeanHz, f0, f0 * 0.01, `mean F0 of a ${f0} Hz voice`);
    assert.ok(p.pitchRangeHz < 2, `a steady ${f0} Hz voice has no range, got ${p.pitchRangeHz}`);
  }
});

test('pitch survives the telephone band: missing fundamental, pure sine, µ-law round trip', () => {
  near(measureProsody(pcm(voice({ f0StartHz: 100, seconds: 1, firstHarmonic: 3 }))).pitchMeanHz, 100, 1, 'harmonics 3+ of 100 Hz');
  near(measureProsody(pcm(voice({ f0StartHz: 150, seconds: 1, maxHz: 200 }))).pitchMeanHz, 150, 1, 'a pure 150 Hz sine');
  const g711 = decodeMuLaw(encodeMuLaw(pcm(voice({ f0StartHz: 180, seconds: 1 })).samples));
  near(measureProsody({ samples: g711, sampleRateHz: 8000 }).pitchMeanHz, 180, 2, 'after µ-law');
});

test('a glide 120→240 Hz has mean 180 Hz and p10–p90 range 96 Hz', () => {
  const p = measureProsody(pcm(voice({ f0StartHz: 120, f0EndHz: 240, seconds: 2 })));
  near(p.pitchMeanHz, 180, 3, 'mean');
  near(p.pitchRangeHz, 96, 4, 'range');
});

test('other sample rates: a 16 kHz sine', () => {
  const p = measureProsody({ samples: tone(200, 16000, 16000, 8000), sampleRateHz: 16000 });
  near(p.pitchMeanHz, 200, 2, '16 kHz sine');
  near(p.energyDb, 20 * Math.log10(8000 / Math.SQRT2 / 32768), 0.2, 'energy');
});

test('noise is unvoiced: no pitch and no syllables, its level still measured', () => {
  const p = measureProsody(pcm(whiteNoise(2, 8000)));
  assert.equal(p.pitchMeanHz, 0);
  assert.equal(p.pitchRangeHz, 0);
  assert.equal(p.speakingRateSps, 0, 'nuclei are voiced peaks only');
  near(p.energyDb, 20 * Math.log10(8000 / Math.sqrt(3) / 32768), 0.3, 'RMS of uniform noise is A/√3');
  assert.equal(measureProsody(pcm(modulate(whiteNoise(3, 8000), 4))).speakingRateSps, 0, 'modulated noise has no syllables either');
});

test('energy is the RMS level of voiced frames: silence around it does not lower it, gain moves it', () => {
  const sine = voice({ f0StartHz: 150, seconds: 1, maxHz: 200, amplitude: 10000 });
  const expected = 20 * Math.log10(10000 / Math.SQRT2 / 32768);
  near(measureProsody(pcm(sine)).energyDb, expected, 0.1, 'sine level');
  near(measureProsody(pcm(concat(silence(0.5), sine, silence(1), sine))).energyDb, expected, 0.1, 'with silences');
  near(measureProsody(pcm(gain(sine, -20))).energyDb, expected - 20, 0.1, '20 dB quieter');
});

test('speaking rate: amplitude-modulated voices at 2–7 syllables per second', () => {
  for (const rate of [2, 3, 4, 5, 6, 7]) {
    const p = measureProsody(pcm(modulate(voice({ f0StartHz: 140, seconds: 3 }), rate)));
    near(p.speakingRateSps, rate, 0.25, `${rate} Hz modulation`);
  }
  near(measureProsody(pcm(modulate(voice({ f0StartHz: 200, seconds: 3 }), 4, 0.5))).speakingRateSps, 4, 0.25, 'half-depth modulation (6 dB dips)');
});

test('rate is per second of speech: pauses do not dilute it', () => {
  const talk = modulate(voice({ f0StartHz: 150, seconds: 1.5 }), 4);
  const p = measureProsody(pcm(concat(talk, silence(1), talk)));
  near(p.speakingRateSps, 4, 0.3, 'rate');
  near(p.pauseRatio, 1 / 4, 0.03, 'pause ratio');
});

test('pause ratio: inserted silences count, edge padding and stop-like gaps do not', () => {
  const v = voice({ f0StartHz: 150, seconds: 1 });
  near(measureProsody(pcm(concat(v, silence(0.5), v))).pauseRatio, 0.5 / 2.5, 0.02, 'one pause');
  near(measureProsody(pcm(concat(silence(0.4), v, silence(0.5), v, silence(0.6)))).pauseRatio, 0.5 / 2.5, 0.02, 'padding is outside the utterance');
  const short = voice({ f0StartHz: 150, seconds: 0.8 });
  near(measureProsody(pcm(concat(short, silence(0.3), short, silence(0.3), short))).pauseRatio, 0.6 / 3, 0.02, 'two pauses');
  assert.equal(measureProsody(pcm(concat(v, silence(0.08), v))).pauseRatio, 0, 'an 80 ms gap is a closure, not a pause');
  assert.equal(measureProsody(pcm(v)).pauseRatio, 0);
});

test('a noisy line: pauses are found above the noise floor, pitch unaffected', () => {
  const v = voice({ f0StartHz: 150, seconds: 1 });
  const speech = concat(v, silence(0.5), v);
  const p = measureProsody(pcm(mix(speech, whiteNoise(2.5, 300, 11))));
  near(p.pauseRatio, 0.2, 0.03, 'pause ratio at ~25 dB SNR');
  near(p.pitchMeanHz, 150, 2, 'pitch');
});

test('silence and too-short audio give the no-speech reading', () => {
  assert.deepEqual(measureProsody(pcm(silence(1))), { energyDb: SILENCE_DB, pitchMeanHz: 0, pitchRangeHz: 0, speakingRateSps: 0, pauseRatio: 1 });
  assert.equal(measureProsody({ samples: new Int16Array(0), sampleRateHz: 8000 }).energyDb, SILENCE_DB);
  const blip = measureProsody(pcm(voice({ f0StartHz: 150, seconds: 0.03 })));
  assert.equal(blip.pitchMeanHz, 0, 'too short for the pitch window');
  assert.ok(Number.isFinite(blip.energyDb));
});

test('rejects a sample rate that cannot carry the pitch range', () => {
  assert.throws(() => measureProsody({ samples: new Int16Array(100), sampleRateHz: 0 }), /sample rate/);
  assert.throws(() => measureProsody({ samples: new Int16Array(100), sampleRateHz: 600 }), /pitch range/);
});
