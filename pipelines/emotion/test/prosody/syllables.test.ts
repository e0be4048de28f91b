import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countNuclei } from '../../src/prosody/syllables';

// Frame powers from a dB contour, all frames voiced unless told otherwise.
const fromDb = (db: number[]): Float64Array => Float64Array.from(db, (d) => 10 ** (d / 10));
const params = { smoothFrames: 1, thresholdDb: -40, minDipDb: 2, floorDb: -100 };

test('peaks separated by dips of at least minDipDb are nuclei', () => {
  const db = [-30, -20, -30, -20, -30, -20, -30];
  assert.equal(countNuclei(fromDb(db), new Float64Array(db.length).fill(150), params), 3);
});

test('a ripple shallower than minDipDb belongs to the same syllable', () => {
  const db = [-30, -20, -21, -20.5, -30, -20, -30];
  assert.equal(countNuclei(fromDb(db), new Float64Array(db.length).fill(150), params), 2);
});

test('peaks below the silence threshold or unvoiced do not count', () => {
  const db = [-60, -50, -60, -20, -30, -20, -30, -20, -30, -20, -30];
  const f0 = Float64Array.from(db, (_, i) => (i >= 6 ? 0 : 150));
  // -50 is under the threshold; the peaks at 7 and 9 are unvoiced; 3 and 5 count.
  assert.equal(countNuclei(fromDb(db), f0, params), 2);
});
