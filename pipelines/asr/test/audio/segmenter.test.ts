import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UtteranceSegmenter, type CutUtterance } from '../../src/audio/segmenter';
import { resolveVadConfig } from '../../src/vad/config';
import { concat, FRAME, framesOf, hiss, lineNoise, voiced } from '../support/signals';

const config = resolveVadConfig();

function feed(s: UtteranceSegmenter, pcm: Int16Array): CutUtterance[] {
  return framesOf(pcm).flatMap((f) => s.push(f));
}

test('an utterance is handed back whole: pre-roll before the onset, hangover after the speech', () => {
  // A soft lead-in (quiet hiss, like an "s" before the vowel) that cannot start speech by itself.
  const lead = hiss(200, 400, 21);
  const pcm = concat(lineNoise(800), lead, voiced(600), lineNoise(1000, 40, 2));
  const s = new UtteranceSegmenter(config, { originFrame: 0 });
  const cuts = feed(s, pcm);
  assert.equal(cuts.length, 1);
  const cut = cuts[0]!;
  assert.equal(cut.startFrame, 40);
  assert.equal(cut.endFrame, 80 + 10);
  assert.equal(cut.samples.length, (cut.endFrame - cut.startFrame) * FRAME);
  assert.deepEqual(cut.samples.subarray(0, lead.length), lead, 'the pre-roll is the soft lead-in');
  assert.deepEqual(cut.samples.subarray(lead.length, lead.length + 4800), pcm.subarray(8000, 12800), 'then the voice');
  assert.equal(cut.speechFrames, 30);
  assert.equal(cut.reason, 'silence');
});

test('frames are numbered from the origin; missing frames are silence at their place', () => {
  const s = new UtteranceSegmenter(config, { originFrame: 1000 });
  const cuts = [...feed(s, concat(lineNoise(1000), voiced(400))), ...s.skip(3), ...feed(s, concat(voiced(400), lineNoise(1000, 40, 2)))];
  assert.equal(cuts.length, 1);
  const cut = cuts[0]!;
  assert.equal(cut.startFrame, 1040);
  // Frames 1050–1069 voice, 1070–1072 missing, 1073–1092 voice.
  assert.equal(cut.endFrame, 1093 + 10);
  const gap = cut.samples.subarray((1070 - 1040) * FRAME, (1073 - 1040) * FRAME);
  assert.ok(gap.every((v) => v === 0), 'missing frames are zeros');
  assert.notEqual(cut.samples[(1073 - 1040) * FRAME + 40], 0, 'voice resumes right after the gap');
});

test('resumed from a VAD state alone, the open utterance is lost, the next one is whole', () => {
  const first = new UtteranceSegmenter(config, { originFrame: 0 });
  feed(first, concat(lineNoise(1000), voiced(400)));
  assert.ok(first.inUtterance);
  const resumed = new UtteranceSegmenter(config, { vadState: JSON.parse(JSON.stringify(first.vadState)) as typeof first.vadState });
  const cuts = feed(resumed, concat(voiced(400), lineNoise(1000, 40, 2), voiced(600), lineNoise(1000, 40, 3)));
  assert.equal(resumed.takeLost(), 1);
  assert.equal(resumed.takeLost(), 0);
  // Frames 70–89 finish the lost utterance; the next voice is 140–169.
  assert.deepEqual(cuts.map((c) => [c.startFrame, c.endFrame]), [[130, 180]]);
});

test('flush closes an utterance still open when the audio stops', () => {
  const s = new UtteranceSegmenter(config, { originFrame: 0 });
  assert.deepEqual(feed(s, concat(lineNoise(1000), voiced(500))), []);
  const cuts = s.flush();
  assert.deepEqual(cuts.map((c) => [c.startFrame, c.endFrame, c.reason]), [[40, 75, 'flush']]);
  assert.deepEqual(s.flush(), []);
});

test('an early cut at a pause is the final cut when the caller stays silent, handed out once', () => {
  // Voice 40–69 (frames of 20 ms), then silence: early after 15 silent frames, final after 30.
  const s = new UtteranceSegmenter(config, { originFrame: 0 }, 15);
  const early: CutUtterance[] = [];
  const cuts: CutUtterance[] = [];
  for (const f of framesOf(concat(lineNoise(800), voiced(600), lineNoise(1000, 40, 2)))) {
    cuts.push(...s.push(f));
    const e = s.takeEarly();
    if (e !== undefined) early.push(e);
  }
  assert.equal(early.length, 1, 'one early cut per pause');
  assert.equal(cuts.length, 1);
  assert.deepEqual([early[0]!.startFrame, early[0]!.endFrame, early[0]!.speechFrames], [cuts[0]!.startFrame, cuts[0]!.endFrame, cuts[0]!.speechFrames]);
  assert.deepEqual(early[0]!.samples, cuts[0]!.samples, 'the very same audio');
});

test('when the caller goes on after the pause, the final cut ends later than the early one', () => {
  const s = new UtteranceSegmenter(config, { originFrame: 0 }, 15);
  const early: CutUtterance[] = [];
  const cuts: CutUtterance[] = [];
  // A 400 ms pause inside the utterance: past the early threshold, short of its end.
  for (const f of framesOf(concat(lineNoise(800), voiced(600), lineNoise(400, 40, 2), voiced(400), lineNoise(1000, 40, 3)))) {
    cuts.push(...s.push(f));
    const e = s.takeEarly();
    if (e !== undefined) early.push(e);
  }
  assert.equal(cuts.length, 1, 'still one utterance');
  assert.equal(early.length, 2, 'one early cut per pause');
  assert.ok(early[0]!.endFrame < cuts[0]!.endFrame, 'the first early cut stops at the pause');
  assert.deepEqual([early[1]!.startFrame, early[1]!.endFrame], [cuts[0]!.startFrame, cuts[0]!.endFrame], 'the second is the utterance');
});

test('no early cuts when off; an early threshold outside hangover..end-of-utterance is refused', () => {
  const s = new UtteranceSegmenter(config, { originFrame: 0 });
  for (const f of framesOf(concat(lineNoise(800), voiced(600), lineNoise(1000, 40, 2)))) {
    s.push(f);
    assert.equal(s.takeEarly(), undefined);
  }
  assert.throws(() => new UtteranceSegmenter(config, { originFrame: 0 }, config.hangoverFrames - 1), /between the hangover/);
  assert.throws(() => new UtteranceSegmenter(config, { originFrame: 0 }, config.endOfUtteranceFrames), /between the hangover/);
});
