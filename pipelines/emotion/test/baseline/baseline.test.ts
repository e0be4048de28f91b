import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProsodyFeatures } from '@switchboard/contracts';
import { DEFAULT_BASELINE_OPTIONS, newBaseline, parseBaseline, updateBaseline, voiceFeatures, zScores, type FeatureValues } from '../../src/baseline/baseline';

// Deterministic utterance-to-utterance jitter, as a real caller has.
const jitter = (i: number, size: number): number => size * Math.sin(1.7 * i + 0.3);
const utterance = (i: number, level: { energyDb: number; pitchMeanHz: number; pitchRangeHz: number; speakingRateSps: number }): FeatureValues => ({
  energyDb: level.energyDb + jitter(i, 1.5),
  pitchMeanHz: level.pitchMeanHz + jitter(i + 1, 8),
  pitchRangeHz: level.pitchRangeHz + jitter(i + 2, 10),
  speakingRateSps: level.speakingRateSps + jitter(i + 3, 0.4),
});
const calm = { energyDb: -26, pitchMeanHz: 165, pitchRangeHz: 70, speakingRateSps: 4.5 };

test('the first utterance is judged against the prior: typical speech scores 0, an unusual voice moderately', () => {
  const b = newBaseline();
  const z0 = zScores(b, calm);
  for (const v of Object.values(z0)) assert.ok(Math.abs(v) < 1e-9);
  const high = zScores(b, { pitchMeanHz: 230, energyDb: -16 });
  assert.ok(high.pitchMeanHz! > 0.5 && high.pitchMeanHz! < 2, `a high voice is not extreme on first hearing: ${high.pitchMeanHz}`);
  assert.ok(high.energyDb! > 0.5 && high.energyDb! < 2.5, `${high.energyDb}`);
});

test('Welford keeps the exact running mean and variance of the caller', () => {
  const b = newBaseline();
  const xs = [-20, -24, -19, -30, -22];
  for (const x of xs) updateBaseline(b, { energyDb: x });
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const m2 = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  assert.equal(b.features.energyDb.n, 5);
  assert.ok(Math.abs(b.features.energyDb.mean - mean) < 1e-9);
  assert.ok(Math.abs(b.features.energyDb.m2 - m2) < 1e-9);
  assert.equal(b.features.pitchMeanHz.n, 0, 'features not measured are not counted');
});

test('a caller who is always loud becomes their own reference', () => {
  const loud = { energyDb: -12, pitchMeanHz: 230, pitchRangeHz: 110, speakingRateSps: 5.5 };
  const b = newBaseline();
  const energyZ: number[] = [];
  for (let i = 0; i < 8; i++) {
    const u = utterance(i, loud);
    energyZ.push(zScores(b, u).energyDb!);
    updateBaseline(b, u);
  }
  assert.ok(energyZ[0]! > 1.5, `loud against the prior at first: ${energyZ[0]}`);
  for (const z of energyZ.slice(2)) assert.ok(Math.abs(z) < 1.5, `then ordinary for this caller: ${energyZ.map((v) => v.toFixed(2)).join(' ')}`);
});

test('a sudden rise stands out against the caller baseline', () => {
  const b = newBaseline();
  for (let i = 0; i < 5; i++) updateBaseline(b, utterance(i, calm));
  const z = zScores(b, { energyDb: -16, pitchMeanHz: 230, pitchRangeHz: 130, speakingRateSps: 6 });
  assert.ok(z.energyDb! > 3, `energy z ${z.energyDb}`);
  assert.ok(z.pitchMeanHz! > 3, `pitch z ${z.pitchMeanHz}`);
  assert.ok(z.pitchRangeHz! > 2, `range z ${z.pitchRangeHz}`);
  assert.ok(z.speakingRateSps! > 1.5, `rate z ${z.speakingRateSps}`);
  assert.ok(Object.values(z).every((v) => v <= DEFAULT_BASELINE_OPTIONS.maxAbsZ), 'clamped');
});

test('past maxCount old utterances fade, so the baseline follows a drifting caller', () => {
  const options = { ...DEFAULT_BASELINE_OPTIONS, maxCount: 10 };
  const b = newBaseline();
  for (let i = 0; i < 10; i++) updateBaseline(b, { energyDb: -30 }, options);
  for (let i = 0; i < 40; i++) updateBaseline(b, { energyDb: -20 }, options);
  assert.equal(b.features.energyDb.n, 10);
  assert.ok(b.features.energyDb.mean > -20.5, `mean ${b.features.energyDb.mean}`);
  assert.ok(b.features.energyDb.m2 >= 0);
});

test('only measured features take part: unvoiced has no pitch or rate, silence nothing', () => {
  const p = (over: Partial<ProsodyFeatures>): ProsodyFeatures => ({ energyDb: -25, pitchMeanHz: 150, pitchRangeHz: 40, speakingRateSps: 4, pauseRatio: 0.1, ...over });
  assert.deepEqual(Object.keys(voiceFeatures(p({}))).sort(), ['energyDb', 'pitchMeanHz', 'pitchRangeHz', 'speakingRateSps']);
  assert.deepEqual(voiceFeatures(p({ pitchMeanHz: 0, pitchRangeHz: 0, speakingRateSps: 0 })), { energyDb: -25 });
  assert.deepEqual(voiceFeatures(p({ energyDb: -100 })), {});
  assert.deepEqual(zScores(newBaseline(), {}), {});
});

test('the state is plain JSON and survives a checkpoint round trip; junk is refused', () => {
  const b = newBaseline();
  for (let i = 0; i < 3; i++) updateBaseline(b, utterance(i, calm));
  const copy = parseBaseline(JSON.parse(JSON.stringify(b)));
  assert.deepEqual(copy, b);
  assert.throws(() => parseBaseline(null), /no features/);
  assert.throws(() => parseBaseline({ features: { energyDb: { n: 1, mean: 'x', m2: 0 } } }), /bad energyDb/);
});
