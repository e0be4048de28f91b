import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveVadConfig } from '../../src/vad/config';
import { VoiceActivityDetector } from '../../src/vad/detector';
import type { VadEvent, VadState } from '../../src/vad/vad';
import { concat, framesOf, hiss, lineNoise, mix, rumble, talking, tone, voiced } from '../support/signals';
import { runVad, spans } from '../support/run-vad';

// Defaults at 20 ms frames: minSpeech 10 frames, pre-roll 10, hangover 10, end of utterance 30.

test('speech bursts between silences: cut at onset minus pre-roll and last speech plus hangover', () => {
  const pcm = concat(lineNoise(1000), voiced(800), lineNoise(1000, 40, 8), voiced(1200, 5000, 180), lineNoise(1000, 40, 9));
  const { events } = runVad(pcm);
  const expected: VadEvent[] = [
    { type: 'speech-start', startFrame: 40, onsetFrame: 50 },
    { type: 'speech-end', startFrame: 40, endFrame: 100, speechFrames: 40, reason: 'silence' },
    { type: 'speech-start', startFrame: 130, onsetFrame: 140 },
    { type: 'speech-end', startFrame: 130, endFrame: 210, speechFrames: 60, reason: 'silence' },
  ];
  assert.deepEqual(events, expected);
});

test('the end is reported once the end-of-utterance silence has passed, not before', () => {
  const vad = new VoiceActivityDetector();
  const frames = framesOf(concat(lineNoise(1000), voiced(600), lineNoise(1000, 40, 2)));
  const at: number[] = [];
  frames.forEach((f, i) => { for (const e of vad.push(f)) at.push(i, e.type === 'speech-end' ? 1 : 0); });
  // Onset confirmed on its 10th voice frame (59); end after 30 silent frames past the last (79).
  assert.deepEqual(at, [59, 0, 109, 1]);
});

test('short blips, white-noise bursts and mains hum never open an utterance', () => {
  const pcm = concat(
    lineNoise(1000), voiced(120), lineNoise(1000, 40, 2), // 6 frames of voice < minSpeech 10
    hiss(600), lineNoise(1000, 40, 3), // loud but not voice-like (RMS frequency ~2 kHz)
    tone(600, 50, 6000), lineNoise(1000, 40, 4), // 50 Hz hum: below the voice band
  );
  assert.deepEqual(runVad(pcm).events, []);
  // The same blip, long enough, does.
  assert.equal(spans(runVad(concat(lineNoise(1000), voiced(240), lineNoise(1000, 40, 2))).events).length, 1);
});

test('a DC offset on a quiet line is not sound', () => {
  const quiet = lineNoise(2000);
  const offset = Int16Array.from(quiet, (v) => v + 3000);
  const { events, vad } = runVad(concat(offset, mix(voiced(600), new Int16Array(4800).fill(3000)), offset));
  assert.equal(spans(events).length, 1);
  assert.ok(vad.noiseFloorDb < -55, `floor ${vad.noiseFloorDb} dB follows the line noise, not the offset`);
});

test('noise from the first frame: the floor starts at the noise, only the speech above it counts', () => {
  const bed = rumble(4300, 600);
  const speech = concat(new Int16Array(16000), voiced(800, 14000), new Int16Array(12400));
  const { events, vad } = runVad(mix(bed, speech));
  assert.deepEqual(spans(events), [[90, 150]]);
  assert.ok(Math.abs(vad.noiseFloorDb - -35.5) < 3, `floor ${vad.noiseFloorDb} dB is near the noise level (-35.5 dB RMS)`);
});

test('a step in background noise opens at most one bounded false utterance, then the floor has adapted', () => {
  // Quiet line for 1 s, then voice-band noise 28 dB louder for the rest; a word at 5.0–5.8 s.
  const bed = concat(lineNoise(1000), rumble(7000, 600, 9));
  const word = concat(new Int16Array(40000), voiced(800, 14000), new Int16Array(17600));
  const { events, vad } = runVad(mix(bed, word));
  const cut = spans(events);
  assert.equal(cut.length, 2, JSON.stringify(cut));
  const [falseStart, falseEnd] = cut[0]!;
  assert.ok(falseStart >= 40 && falseEnd <= 50 + 80 + 10 + 30, `false utterance ${falseStart}-${falseEnd} ends within a noise window and the silence`);
  assert.deepEqual(cut[1], [240, 300]);
  assert.ok(Math.abs(vad.noiseFloorDb - -35.5) < 3, `floor ${vad.noiseFloorDb} dB`);
});

test('an utterance reaching maxUtteranceMs is cut there; talking on continues from the cut', () => {
  const talk = talking(7000);
  const { events } = runVad(concat(lineNoise(1000), talk.pcm, lineNoise(1000, 40, 2)), { maxUtteranceMs: 3000 });
  // Talking covers frames 50–399; voice frames by the mask.
  const voiceIn = (from: number, to: number): number => talk.voicedMask.slice(from - 50, to - 50).filter(Boolean).length;
  const expected: VadEvent[] = [
    { type: 'speech-start', startFrame: 40, onsetFrame: 50 },
    { type: 'speech-end', startFrame: 40, endFrame: 190, speechFrames: voiceIn(50, 190), reason: 'max-length' },
    { type: 'speech-start', startFrame: 190, onsetFrame: 190 },
    { type: 'speech-end', startFrame: 190, endFrame: 340, speechFrames: voiceIn(190, 340), reason: 'max-length' },
    { type: 'speech-start', startFrame: 340, onsetFrame: 340 },
    { type: 'speech-end', startFrame: 340, endFrame: 410, speechFrames: voiceIn(340, 400), reason: 'silence' },
  ];
  assert.deepEqual(events, expected);
});

test('a sound without any dip for longer than the noise window becomes background (documented limit)', () => {
  // Minimum statistics cannot tell a steady voice-like sound from steady noise: after about one
  // window the floor reaches it and the utterance ends, well before maxUtteranceMs.
  const { events } = runVad(concat(lineNoise(1000), voiced(7000), lineNoise(1000, 40, 2)));
  const cut = spans(events);
  assert.equal(cut.length, 1);
  const [, end] = cut[0]!;
  assert.ok(end > 50 + 80 && end < 50 + 80 + 10 + 30, `ended at frame ${end}`);
});

test('pre-roll never reaches into the previous utterance', () => {
  // Pre-roll 500 ms (25 frames); the second word starts 32 frames after the first ended.
  const pcm = concat(lineNoise(1000), voiced(500), lineNoise(640, 40, 2), voiced(500), lineNoise(1000, 40, 3));
  const cut = spans(runVad(pcm, { preRollMs: 500 }).events);
  assert.deepEqual(cut, [[25, 85], [85, 142]]);
});

test('missing frames count as silence: a long gap ends the utterance, a short one does not', () => {
  const c = resolveVadConfig();
  const vad = new VoiceActivityDetector(c);
  const events: VadEvent[] = [];
  for (const f of framesOf(concat(lineNoise(1000), voiced(400)))) events.push(...vad.push(f));
  events.push(...vad.skip(5));
  for (const f of framesOf(voiced(400))) events.push(...vad.push(f));
  events.push(...vad.skip(40));
  for (const f of framesOf(voiced(400))) events.push(...vad.push(f));
  events.push(...vad.flush());
  // Frames 50–69 voice, 70–74 missing, 75–94 voice, 95–134 missing, 135–154 voice.
  assert.deepEqual(spans(events), [[40, 105], [125, 155]]);
  const last = events.at(-1);
  assert.ok(last?.type === 'speech-end' && last.reason === 'flush');
});

test('the state is plain JSON: resuming from a copy continues exactly as the original', () => {
  const frames = framesOf(concat(lineNoise(1000), voiced(900), lineNoise(800, 40, 2), voiced(700), lineNoise(800, 40, 3)));
  const a = new VoiceActivityDetector();
  const half = 70; // inside the first utterance
  for (const f of frames.slice(0, half)) a.push(f);
  const copy = JSON.parse(JSON.stringify(a.state)) as VadState;
  assert.deepEqual(copy, a.state);
  const b = new VoiceActivityDetector({}, copy);
  const rest = (d: VoiceActivityDetector): VadEvent[] => frames.slice(half).flatMap((f) => [...d.push(f)]);
  const fromOriginal = rest(a);
  assert.equal(spans(fromOriginal).length, 2);
  assert.deepEqual(rest(b), fromOriginal);
});

test('speaking follows the frames: on during speech and the hangover, off after', () => {
  const vad = new VoiceActivityDetector();
  const seen: boolean[] = [];
  for (const f of framesOf(concat(lineNoise(1000), voiced(600), lineNoise(1000, 40, 2)))) {
    vad.push(f);
    seen.push(vad.speaking);
  }
  assert.equal(seen.indexOf(true), 59, 'from the confirmed onset');
  assert.equal(seen.lastIndexOf(true), 79 + 10, 'until the hangover after the last voice frame');
});

test('invalid settings are refused with the rule, frames of the wrong size too', () => {
  assert.throws(() => resolveVadConfig({ hangoverMs: 700, endOfUtteranceSilenceMs: 600 }), /hangoverMs must be < endOfUtteranceSilenceMs/);
  assert.throws(() => resolveVadConfig({ sampleRateHz: 11025 }), /whole number of samples/);
  assert.throws(() => new VoiceActivityDetector().push(new Int16Array(100)), /160 samples/);
});
