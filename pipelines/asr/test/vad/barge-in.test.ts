import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BargeInDetector, type BargeInEvent } from '../../src/vad/barge-in';
import { concat, framesOf, hiss, lineNoise, voiced } from '../support/signals';

/** Pushes caller audio while the bot speaks during frames [botFrom, botTo). */
function run(pcm: Int16Array, botFrom = 0, botTo = Number.MAX_SAFE_INTEGER, d = new BargeInDetector()): BargeInEvent[] {
  const events: BargeInEvent[] = [];
  framesOf(pcm).forEach((f, i) => {
    const e = d.push(f, i >= botFrom && i < botTo);
    if (e) events.push(e);
  });
  return events;
}

const quiet = (ms: number, seed = 1): Int16Array => lineNoise(ms, 40, seed);

test('a backchannel while the bot speaks does not interrupt it', () => {
  // "mm-hm": 260 ms of voice.
  const events = run(concat(quiet(1000), voiced(260, 5000, 110), quiet(1000, 2)));
  assert.deepEqual(events, [{ type: 'backchannel', frame: 50 + 13 + 6, startFrame: 50, speechMs: 260 }]);
});

test('"mm … hm" with a short pause is one backchannel, still no barge-in', () => {
  const events = run(concat(quiet(1000), voiced(140, 5000, 110), quiet(100, 3), voiced(160, 5000, 130), quiet(1000, 2)));
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, 'backchannel');
  assert.equal(events[0]?.speechMs, 300);
});

test('sustained speech interrupts after bargeInMinSpeechMs, once per bot turn', () => {
  const events = run(concat(quiet(1000), voiced(1200), quiet(500, 2), voiced(800), quiet(500, 3)));
  assert.deepEqual(events, [{ type: 'barge-in', frame: 50 + 19, startFrame: 50, speechMs: 400 }]);
});

test('syllable dips inside the interruption are bridged', () => {
  const words = concat(voiced(240), quiet(80, 4), voiced(240, 6000, 160));
  const events = run(concat(quiet(1000), words, quiet(1000, 2)));
  assert.equal(events.length, 1);
  assert.equal(events[0]?.type, 'barge-in');
  assert.equal(events[0]?.startFrame, 50);
});

test('nothing is reported while the bot is silent; a new bot turn can be interrupted again', () => {
  const pcm = concat(quiet(1000), voiced(800), quiet(1000, 2), voiced(800), quiet(500, 3));
  assert.deepEqual(run(pcm, 0, 0), [], 'bot silent throughout');
  // Bot speaks in two turns: frames 0–99 and 100–end. The caller talks in each.
  const d = new BargeInDetector();
  const events: BargeInEvent[] = [];
  framesOf(pcm).forEach((f, i) => {
    const e = d.push(f, i !== 100); // one frame of bot silence between its turns
    if (e) events.push(e);
  });
  assert.deepEqual(events.map((e) => [e.type, e.startFrame]), [['barge-in', 50], ['barge-in', 140]]);
});

test('loud noise that is not voice-like never interrupts', () => {
  assert.deepEqual(run(concat(quiet(1000), hiss(1500), quiet(500, 2))), []);
});

test('a barge-in threshold of 200 ms lets the same backchannel interrupt (the setting is honoured)', () => {
  const events = run(concat(quiet(1000), voiced(260, 5000, 110), quiet(1000, 2)), 0, Number.MAX_SAFE_INTEGER, new BargeInDetector({ bargeInMinSpeechMs: 200, backchannelMinSpeechMs: 60 }));
  assert.deepEqual(events.map((e) => e.type), ['barge-in']);
});
