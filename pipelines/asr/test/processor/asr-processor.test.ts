import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessorHarness, type HarnessOutput } from '@switchboard/runtime';
import { createAsrProcessor } from '../../src/processor/asr-processor';
import { audioChunks, callEnded, callStarted, transcriptsOf, turn } from '../support/call';
import { FakeRecognizer, SECRET_TEXT } from '../support/fake-recognizer';
import { captureLog, END_CHUNKS, EXPECTED_SPANS, TWO_UTTERANCES, TWO_UTTERANCES_FRAMES } from '../support/scenario';
import { concat, lineNoise, voiced } from '../support/signals';

test('inline: each utterance is recognised when its end is heard; times are call time', async () => {
  const recognizer = new FakeRecognizer();
  const log = captureLog();
  const asr = createAsrProcessor({ recognizer, recognition: 'inline' });
  const h = new ProcessorHarness(asr, log.logger);
  assert.deepEqual(await h.run(callStarted('c1')), []);
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  const emittedAt: number[] = [];
  const transcripts = [];
  for (const [i, chunk] of chunks.entries()) {
    const t = transcriptsOf(await h.run(chunk));
    if (t.length > 0) emittedAt.push(i);
    transcripts.push(...t);
  }
  assert.deepEqual(emittedAt, END_CHUNKS);
  assert.deepEqual(recognizer.calls.map((c) => [c.samples, c.sampleRateHz, c.language]), EXPECTED_SPANS.map((s) => [s.samples, 8000, 'en']));
  assert.deepEqual(transcripts.map((t) => [t.utteranceId, t.startMs, t.endMs, t.isFinal, t.language]), [
    ['c1:820', 820, 2020, true, 'en'],
    ['c1:2620', 2620, 4220, true, 'en'],
  ]);
  const first = transcripts[0]!;
  assert.equal(first.text, `${SECRET_TEXT} #0`);
  assert.ok(Math.abs(first.confidence - 0.87) < 1e-6);
  // Word times move to call time and are kept inside the utterance; confidences are clamped.
  assert.deepEqual(first.words.map((w) => [w.word, w.startMs, w.endMs, w.confidence]), [['my', 920, 1220, w0(first.words[0]?.confidence)], ['card', 1270, 2020, 1]]);
  assert.equal(first.prosody, undefined);

  const end = await h.run(callEnded('c1', TWO_UTTERANCES_FRAMES));
  assert.deepEqual(end, []);
  assert.equal(h.stateOf('c1'), undefined, 'the call is finished');
  assert.equal(asr.liveCalls(), 0);
  const summary = log.parsed().find((l) => l['msg'] === 'call transcribed');
  assert.equal(summary?.['utterances'], 2);
  assert.equal(summary?.['recognised'], 2);
  assert.ok(log.lines.every((l) => !l.includes('4111')), 'transcript text never reaches the log');
});

/** The float32 round trip of a confidence (0.9 → 0.8999999761581421). */
function w0(c: number | undefined): number {
  assert.ok(c !== undefined && Math.abs(c - 0.9) < 1e-6);
  return c;
}

test('prosody of each utterance travels with its transcript when prosodyOf is given', async () => {
  const seen: number[] = [];
  const asr = createAsrProcessor({
    recognizer: new FakeRecognizer(),
    recognition: 'inline',
    prosodyOf: (audio) => {
      seen.push(audio.samples.length);
      return { energyDb: -20, pitchMeanHz: 140, pitchRangeHz: 30, speakingRateSps: 4, pauseRatio: 0.1 };
    },
  });
  const h = new ProcessorHarness(asr);
  const out: HarnessOutput[] = [];
  for (const e of [callStarted('c1'), ...audioChunks('c1', TWO_UTTERANCES)]) out.push(...(await h.run(e)));
  assert.deepEqual(seen, EXPECTED_SPANS.map((s) => s.samples));
  assert.deepEqual(transcriptsOf(out).map((t) => t.prosody?.pitchMeanHz), [140, 140]);
});

test('overlapped: a slow recognition does not hold the call up; its transcript leaves with a later event', { timeout: 20_000 }, async () => {
  const recognizer = new FakeRecognizer();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }));
  await h.run(callStarted('c1'));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  const release = recognizer.hold();
  for (const chunk of chunks.slice(0, END_CHUNKS[0]! + 5)) assert.deepEqual(await h.run(chunk), [], 'nothing while the engine works');
  assert.equal(recognizer.calls.length, 1, 'the recognition started when the utterance ended');
  release();
  await turn();
  const next = transcriptsOf(await h.run(chunks[END_CHUNKS[0]! + 5]!));
  assert.deepEqual(next.map((t) => t.utteranceId), ['c1:820']);
  const rest: HarnessOutput[] = [];
  for (const chunk of chunks.slice(END_CHUNKS[0]! + 6)) rest.push(...(await h.run(chunk)));
  rest.push(...(await h.run(callEnded('c1', TWO_UTTERANCES_FRAMES))));
  assert.deepEqual(transcriptsOf(rest).map((t) => [t.utteranceId, t.startMs, t.endMs]), [['c1:2620', 2620, 4220]]);
  assert.equal(h.stateOf('c1'), undefined);
});

test('overlapped: one call waiting for the engine does not stop another call on the partition', { timeout: 20_000 }, async () => {
  // Call A speaks Chinese, call B English; only Chinese answers are held (a slow engine for A).
  const recognizer = new FakeRecognizer(new Set(['en', 'zh']));
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }));
  const a = audioChunks('A', TWO_UTTERANCES);
  const b = audioChunks('B', TWO_UTTERANCES);
  await h.run(callStarted('A', { language: 'zh' }), callStarted('B', { language: 'en' }));
  const releaseA = recognizer.hold('zh');
  for (const chunk of a.slice(0, END_CHUNKS[0]! + 1)) await h.run(chunk);
  assert.equal(recognizer.calls.length, 1, "A's first utterance is with the engine");
  // B's whole call, interleaved with more of A, runs through while A's recognition hangs.
  const bOut: HarnessOutput[] = [];
  const aMore = a.slice(END_CHUNKS[0]! + 1, END_CHUNKS[0]! + 1 + b.length);
  for (const [i, chunk] of b.entries()) {
    bOut.push(...(await h.run(chunk)));
    await turn(); // B's recognitions answer at once
    const next = aMore[i];
    if (next) assert.deepEqual(transcriptsOf(await h.run(next)), [], 'A has nothing to send yet');
  }
  bOut.push(...(await h.run(callEnded('B', TWO_UTTERANCES_FRAMES))));
  assert.deepEqual(transcriptsOf(bOut).map((t) => [t.utteranceId, t.language]), [['B:820', 'en'], ['B:2620', 'en']]);
  releaseA();
  const aOut: HarnessOutput[] = [];
  for (const chunk of a.slice(END_CHUNKS[0]! + 1 + aMore.length)) aOut.push(...(await h.run(chunk)));
  aOut.push(...(await h.run(callEnded('A', TWO_UTTERANCES_FRAMES))));
  assert.deepEqual(transcriptsOf(aOut).map((t) => [t.utteranceId, t.language]), [['A:820', 'zh'], ['A:2620', 'zh']]);
});

test('call end flushes an utterance still open, then the call is finished', async () => {
  const recognizer = new FakeRecognizer();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }));
  const pcm = concat(lineNoise(1000), voiced(700));
  for (const e of [callStarted('c1'), ...audioChunks('c1', pcm)]) assert.deepEqual(await h.run(e), []);
  const out = transcriptsOf(await h.run(callEnded('c1', 85)));
  // Voice frames 50–84 (sequences 51–85); the audio ends with them.
  assert.deepEqual(out.map((t) => [t.utteranceId, t.startMs, t.endMs]), [['c1:820', 820, 1720]]);
  assert.equal(h.stateOf('c1'), undefined);
});
