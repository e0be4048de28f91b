import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanPitchTrack } from '../../src/prosody/pitch';

test('an isolated octave jump is smoothed away by the median of three', () => {
  const f0 = Float64Array.from([150, 151, 300, 152, 150, 149]);
  cleanPitchTrack(f0, 3);
  assert.ok(f0.every((v) => v > 140 && v < 160), `got ${[...f0].join(' ')}`);
});

test('frames far from the utterance median (paired halving errors) are dropped', () => {
  const f0 = Float64Array.from([75, 75, 150, 150, 151, 152, 150, 149, 150, 151]);
  cleanPitchTrack(f0, 1);
  assert.deepEqual([...f0.slice(0, 2)], [0, 0]);
  assert.ok(f0.slice(2).every((v) => v > 140));
});

test('voiced runs shorter than the minimum are dropped, longer ones kept', () => {
  const f0 = Float64Array.from([0, 150, 150, 0, 0, 150, 150, 150, 0]);
  cleanPitchTrack(f0, 3);
  assert.deepEqual([...f0], [0, 0, 0, 0, 0, 150, 150, 150, 0]);
});
