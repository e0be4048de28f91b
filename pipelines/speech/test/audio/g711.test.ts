import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aLawToLinear, encodeALaw, encodeMuLaw, linearToALaw, linearToMuLaw, muLawToLinear, noise, tone } from '../../src/audio/g711';

void test('reference code points', () => {
  assert.equal(linearToMuLaw(0), 0xff);
  assert.equal(linearToMuLaw(32767), 0x80);
  assert.equal(linearToMuLaw(-32768), 0x00);
  assert.equal(linearToALaw(0), 0xd5);
  assert.equal(linearToALaw(32767), 0xaa);
  assert.equal(linearToALaw(-32768), 0x2a);
});

void test('round trips stay within the quantisation step of each segment', () => {
  for (let x = -32000; x <= 32000; x += 37) {
    const tolerance = Math.max(16, Math.abs(x) / 16);
    assert.ok(Math.abs(muLawToLinear(linearToMuLaw(x)) - x) <= tolerance, `µ-law ${x}`);
    assert.ok(Math.abs(aLawToLinear(linearToALaw(x)) - x) <= tolerance, `A-law ${x}`);
  }
});

void test('a 20 ms tone is 160 bytes per codec frame; noise is deterministic', () => {
  const pcm = tone(440, 8000, 160);
  assert.equal(encodeMuLaw(pcm).length, 160);
  assert.equal(encodeALaw(pcm).length, 160);
  assert.deepEqual(noise(50, 1000, 7), noise(50, 1000, 7));
  assert.notDeepEqual(noise(50, 1000, 7), noise(50, 1000, 8));
});
