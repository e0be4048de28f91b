// Early recognition: the utterance is recognised at a pause while the end-of-utterance silence is
// still being counted, and the transcript still leaves only once the utterance has ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessorHarness, type HarnessOutput } from '@switchboard/runtime';
import { createAsrProcessor } from '../../src/processor/asr-processor';
import { audioChunks, callEnded, callStarted, transcriptsOf, turn } from '../support/call';
import { FakeRecognizer } from '../support/fake-recognizer';
import { captureLog, END_CHUNKS, EXPECTED_SPANS, TWO_UTTERANCES, TWO_UTTERANCES_FRAMES } from '../support/scenario';
import { concat, lineNoise, voiced } from '../support/signals';

test('the recognition starts at the pause; its transcript leaves when the end is heard, with no second recognition', { timeout: 20_000 }, async () => {
  const recognizer = new FakeRecognizer();
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }), log.logger);
  await h.run(callStarted('c1'));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  const release = recognizer.hold();
  for (const chunk of chunks.slice(0, END_CHUNKS[0])) assert.deepEqual(await h.run(chunk), [], 'nothing before the end of the utterance');
  assert.equal(recognizer.calls.length, 1, 'the recognition started before the end of the utterance was heard');
  assert.equal(recognizer.calls[0]!.samples, EXPECTED_SPANS[0]!.samples, 'on the audio the utterance will have');
  release();
  await turn();
  const atEnd = transcriptsOf(await h.run(chunks[END_CHUNKS[0]!]!));
  assert.deepEqual(atEnd.map((t) => [t.utteranceId, t.startMs, t.endMs]), [['c1:820', 820, 2020]], 'out with the event that ends the utterance');
  const rest: HarnessOutput[] = [];
  for (const chunk of chunks.slice(END_CHUNKS[0]! + 1)) rest.push(...(await h.run(chunk)));
  rest.push(...(await h.run(callEnded('c1', TWO_UTTERANCES_FRAMES))));
  assert.deepEqual(transcriptsOf(rest).map((t) => t.utteranceId), ['c1:2620']);
  assert.equal(recognizer.calls.length, 2, 'one recognition per utterance');
  const summary = log.parsed().find((l) => l['msg'] === 'call transcribed');
  assert.deepEqual([summary?.['earlyRecognitions'], summary?.['earlyUsed'], summary?.['recognised']], [2, 2, 2]);
});

test('a caller who goes on after the pause gets the whole utterance recognised; the early result is dropped', async () => {
  const recognizer = new FakeRecognizer();
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }), log.logger);
  await h.run(callStarted('c1'));
  // A 400 ms pause inside the utterance: past the early threshold (300 ms), short of its end (600 ms).
  const pcm = concat(lineNoise(1000), voiced(600), lineNoise(400, 40, 2), voiced(600), lineNoise(1000, 40, 3));
  const out: HarnessOutput[] = [];
  for (const chunk of audioChunks('c1', pcm)) out.push(...(await h.run(chunk)));
  out.push(...(await h.run(callEnded('c1', pcm.length / 160))));
  const transcripts = transcriptsOf(out);
  assert.equal(transcripts.length, 1, 'one utterance, one transcript');
  assert.equal(recognizer.calls.length, 2, 'the early recognition at the pause, then the one at the real end');
  assert.ok(recognizer.calls[1]!.samples > recognizer.calls[0]!.samples);
  assert.match(transcripts[0]!.text, /#1$/, 'the text is the second recognition\'s');
  const summary = log.parsed().find((l) => l['msg'] === 'call transcribed');
  assert.deepEqual([summary?.['earlyRecognitions'], summary?.['earlyUsed']], [2, 1]);
});

test('earlyRecognitionMs 0 waits for the end of the utterance; a value outside hangover..end is refused at creation', async () => {
  const recognizer = new FakeRecognizer();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer, earlyRecognitionMs: 0 }));
  await h.run(callStarted('c1'));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  for (const chunk of chunks.slice(0, END_CHUNKS[0])) await h.run(chunk);
  assert.equal(recognizer.calls.length, 0, 'nothing recognised before the end');
  const out = [...(await h.run(chunks[END_CHUNKS[0]!]!)), ...(await h.run(chunks[END_CHUNKS[0]! + 1]!))];
  assert.equal(recognizer.calls.length, 1, 'recognised once the end was heard');
  assert.deepEqual(transcriptsOf(out).map((t) => t.utteranceId), ['c1:820']);
  assert.throws(() => createAsrProcessor({ recognizer, earlyRecognitionMs: 100 }), /earlyRecognitionMs must be 0 or lie between vad.hangoverMs \(200\) and vad.endOfUtteranceSilenceMs \(600/);
  assert.throws(() => createAsrProcessor({ recognizer, earlyRecognitionMs: 600 }), /earlyRecognitionMs/);
});
