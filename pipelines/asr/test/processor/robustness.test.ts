import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@switchboard/contracts';
import { ProcessorHarness, testEvent, type HarnessOutput } from '@switchboard/runtime';
import { createAsrProcessor } from '../../src/processor/asr-processor';
import { audioChunks, callEnded, callStarted, transcriptsOf } from '../support/call';
import { FakeRecognizer, SECRET_TEXT } from '../support/fake-recognizer';
import { captureLog, END_CHUNKS, EXPECTED_SPANS, TWO_UTTERANCES, TWO_UTTERANCES_FRAMES } from '../support/scenario';

async function runAll<S>(h: ProcessorHarness<S>, events: readonly Envelope[]): Promise<HarnessOutput[]> {
  const out: HarnessOutput[] = [];
  for (const e of events) out.push(...(await h.run(e)));
  return out;
}

/** The same audio again under a new event id (a re-publish, not a redelivery the runtime catches). */
const republished = (e: Envelope): Envelope => testEvent('audio', e.audio!, { conversationId: e.conversationId });

test('a chunk received twice is ignored the second time; transcripts are unchanged', async () => {
  const recognizer = new FakeRecognizer();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer, recognition: 'inline' }));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  const events = [callStarted('c1'), ...chunks.slice(0, 15), republished(chunks[12]!), ...chunks.slice(15), chunks[20]!, callEnded('c1', TWO_UTTERANCES_FRAMES)];
  const stateBeforeEnd = { dup: 0 };
  const out: HarnessOutput[] = [];
  for (const e of events) {
    if (e.callEnded) stateBeforeEnd.dup = h.stateOf('c1')?.counts.duplicateFrames ?? -1;
    out.push(...(await h.run(e)));
  }
  assert.equal(stateBeforeEnd.dup, 5, 'the re-published chunk (5 frames); the same event id again is skipped by the runtime');
  assert.equal(h.core.stats.skippedDuplicates, 1);
  assert.deepEqual(transcriptsOf(out).map((t) => [t.startMs, t.endMs]), EXPECTED_SPANS.map((s) => [s.startMs, s.endMs]));
  assert.deepEqual(recognizer.calls.map((c) => c.samples), EXPECTED_SPANS.map((s) => s.samples));
});

test('a lost chunk is a counted gap of silence; a chunk arriving after its gap is counted late and dropped', async () => {
  const recognizer = new FakeRecognizer();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer, recognition: 'inline' }));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  // Chunk 14 (sequences 71–75, inside the first utterance) comes after chunk 15.
  const reordered = [...chunks.slice(0, 14), chunks[15]!, chunks[14]!, ...chunks.slice(16)];
  const out = await runAll(h, [callStarted('c1'), ...reordered]);
  const counts = h.stateOf('c1')!.counts;
  assert.deepEqual([counts.missingFrames, counts.lateFrames, counts.duplicateFrames, counts.framesReceived], [5, 5, 0, 245]);
  assert.deepEqual(transcriptsOf(out).map((t) => [t.startMs, t.endMs]), EXPECTED_SPANS.map((s) => [s.startMs, s.endMs]), 'timings stay in call time');
  assert.equal(recognizer.calls[0]?.samples, EXPECTED_SPANS[0]!.samples, 'the missing frames are silence inside the utterance');
});

test('an empty recognition emits nothing; a failed one is logged without content and the call goes on', async () => {
  const answers = [{ text: '  ', language: 'en', confidence: 0, words: [] }, new Error('engine unavailable')];
  const recognizer = new FakeRecognizer(new Set(['en']), (_c, i) => answers[i] ?? new Error('unexpected'));
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }), log.logger);
  const out = await runAll(h, [callStarted('c1'), ...audioChunks('c1', TWO_UTTERANCES), callEnded('c1', TWO_UTTERANCES_FRAMES)]);
  assert.deepEqual(out, []);
  const summary = log.parsed().find((l) => l['msg'] === 'call transcribed');
  assert.deepEqual([summary?.['utterances'], summary?.['emptyResults'], summary?.['failedRecognitions'], summary?.['recognised']], [2, 1, 1, 0]);
  const failure = log.parsed().find((l) => l['msg'] === 'recognition failed; utterance dropped');
  assert.equal(failure?.['utteranceId'], 'c1:2620');
  assert.equal(failure?.['error'], 'engine unavailable');
});

test('transcript text and caller numbers never reach a log line', async () => {
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer: new FakeRecognizer(new Set(['en'])) }), log.logger);
  await runAll(h, [callStarted('c1'), ...audioChunks('c1', TWO_UTTERANCES), callEnded('c1', TWO_UTTERANCES_FRAMES)]);
  await runAll(h, [callStarted('c2', { language: 'fr' }), ...audioChunks('c2', TWO_UTTERANCES), callEnded('c2', TWO_UTTERANCES_FRAMES)]);
  assert.ok(log.lines.length >= 3);
  for (const line of log.lines) {
    assert.ok(!line.includes(SECRET_TEXT.slice(0, 12)) && !line.includes('4111'), line);
    assert.ok(!line.includes('5550001111') && !line.includes('5550002222'), line);
  }
});

test('CallEnded overtaking the last audio: the call ends once all its frames are in', async () => {
  const h = new ProcessorHarness(createAsrProcessor({ recognizer: new FakeRecognizer(), recognition: 'inline' }));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  await runAll(h, [callStarted('c1'), ...chunks.slice(0, 35)]);
  assert.deepEqual(await h.run(callEnded('c1', TWO_UTTERANCES_FRAMES)), []);
  assert.notEqual(h.stateOf('c1'), undefined, 'still waiting for 75 frames');
  const rest = await runAll(h, chunks.slice(35));
  assert.deepEqual(transcriptsOf(rest).map((t) => t.utteranceId), ['c1:2620']);
  assert.equal(h.stateOf('c1'), undefined, 'finished with the last frame');
  // A straggler after the end (a redelivery under a new id) does not revive the call.
  assert.deepEqual(await h.run(republished(chunks[40]!)), []);
  assert.equal(h.stateOf('c1'), undefined);
});

test('two lanes at once: CallEnded waits for the audio handler that awaits the engine; nothing is revived', { timeout: 20_000 }, async () => {
  const recognizer = new FakeRecognizer();
  const asr = createAsrProcessor({ recognizer, recognition: 'inline' });
  const h = new ProcessorHarness(asr);
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  await runAll(h, [callStarted('c1'), ...chunks.slice(0, END_CHUNKS[1])]);
  const release = recognizer.hold();
  // As the two lanes would: the audio lane's handler is inside recognize() when CallEnded arrives.
  const audioLane = h.core.handleEvent(chunks[END_CHUNKS[1]!]!);
  const controlLane = h.core.handleEvent(callEnded('c1', (END_CHUNKS[1]! + 1) * 5));
  release();
  const [audioOut, controlOut] = await Promise.all([audioLane, controlLane]);
  assert.equal(audioOut.length, 1, 'the audio handler emitted the second transcript');
  assert.deepEqual(controlOut, [], 'CallEnded found nothing left');
  assert.equal(h.stateOf('c1'), undefined, 'the finished call was not written back by the slower handler');
  assert.equal(asr.liveCalls(), 0);
});

test('a malformed chunk is dead-lettered before it touches the call; the call goes on', async () => {
  const h = new ProcessorHarness(createAsrProcessor({ recognizer: new FakeRecognizer(), recognition: 'inline' }));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  const bad = testEvent('audio', { ...chunks[3]!.audio!, frameCount: 4 }, { conversationId: 'c1' });
  const out = await runAll(h, [callStarted('c1'), ...chunks.slice(0, 3), bad, ...chunks.slice(3)]);
  const dead = out.filter((o) => o.topic === 'dlq');
  assert.equal(dead.length, 1);
  assert.match(dead[0]?.topic === 'dlq' ? dead[0].deadLetter.reason : '', /payload is 800 bytes, not 4 frames of 160/);
  assert.equal(transcriptsOf(out).length, 2);
  assert.equal(h.stateOf('c1')?.counts.framesReceived, TWO_UTTERANCES_FRAMES);
});
