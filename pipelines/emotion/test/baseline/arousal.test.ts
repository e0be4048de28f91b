import assert from 'node:assert/strict';
import { test } from 'node:test';
import { voiceEvidence } from '../../src/baseline/arousal';

test('no deviation, no arousal; nothing measured, no evidence', () => {
  assert.deepEqual(voiceEvidence({ energyDb: 0, pitchMeanHz: 0, pitchRangeHz: 0, speakingRateSps: 0 }), { arousal: 0, lowness: 0 });
  assert.equal(voiceEvidence({}), undefined);
});

test('arousal rises with positive z and saturates below 1', () => {
  const at = (z: number): number => voiceEvidence({ energyDb: z, pitchMeanHz: z, pitchRangeHz: z, speakingRateSps: z })!.arousal;
  assert.ok(at(1) > 0.3 && at(1) < 0.5, `${at(1)}`);
  assert.ok(at(2) > at(1));
  assert.ok(at(4) > 0.8 && at(4) < 1);
  assert.equal(voiceEvidence({ energyDb: -3 })!.arousal, 0, 'quieter is not more aroused');
});

test('lowness rises with negative z (quieter, flatter, slower)', () => {
  const low = voiceEvidence({ energyDb: -2, pitchMeanHz: -1, pitchRangeHz: -2, speakingRateSps: -2 })!;
  assert.ok(low.lowness > 0.5);
  assert.equal(low.arousal, 0);
});

test('weights are renormalised over the features measured (an unvoiced utterance)', () => {
  const energyOnly = voiceEvidence({ energyDb: 2 })!;
  const all = voiceEvidence({ energyDb: 2, pitchMeanHz: 2, pitchRangeHz: 2, speakingRateSps: 2 })!;
  assert.ok(Math.abs(energyOnly.arousal - all.arousal) < 1e-12);
});
