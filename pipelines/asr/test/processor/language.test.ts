import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessorHarness, type HarnessOutput } from '@switchboard/runtime';
import { Codec } from '@switchboard/contracts';
import { createAsrProcessor } from '../../src/processor/asr-processor';
import { languageFromAttributes, primaryLanguage } from '../../src/processor/options';
import { audioChunks, callEnded, callStarted, transcriptsOf } from '../support/call';
import { FakeRecognizer } from '../support/fake-recognizer';
import { captureLog, END_CHUNKS, TWO_UTTERANCES, TWO_UTTERANCES_FRAMES } from '../support/scenario';

async function runCall<S>(h: ProcessorHarness<S>, id: string, attributes: Record<string, string>): Promise<HarnessOutput[]> {
  const out: HarnessOutput[] = [];
  for (const e of [callStarted(id, attributes), ...audioChunks(id, TWO_UTTERANCES), callEnded(id, TWO_UTTERANCES_FRAMES)]) out.push(...(await h.run(e)));
  return out;
}

test("the call's language attribute picks the language; its region is dropped", async () => {
  const recognizer = new FakeRecognizer(new Set(['en', 'zh']));
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }));
  const out = await runCall(h, 'c1', { language: 'zh-CN' });
  assert.deepEqual(recognizer.calls.map((c) => c.language), ['zh', 'zh']);
  assert.deepEqual(transcriptsOf(out).map((t) => t.language), ['zh', 'zh']);
});

test('without the attribute the configured default language is used', async () => {
  const recognizer = new FakeRecognizer(new Set(['en', 'zh']));
  await runCall(new ProcessorHarness(createAsrProcessor({ recognizer })), 'c1', {});
  await runCall(new ProcessorHarness(createAsrProcessor({ recognizer, defaultLanguage: 'zh' })), 'c2', {});
  assert.deepEqual(recognizer.calls.map((c) => c.language), ['en', 'en', 'zh', 'zh']);
});

test('a languageOf hook decides instead of the attribute', async () => {
  const recognizer = new FakeRecognizer(new Set(['en', 'zh']));
  const asr = createAsrProcessor({ recognizer, languageOf: (c) => (c.calleeNumber.endsWith('2222') ? 'zh-Hans' : 'en') });
  await runCall(new ProcessorHarness(asr), 'c1', { language: 'en' });
  assert.deepEqual(recognizer.calls.map((c) => c.language), ['zh', 'zh']);
});

test('a language the engine does not cover: no recognition, no transcript, one log line, no audio kept', async () => {
  const recognizer = new FakeRecognizer(new Set(['en']));
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer }), log.logger);
  await h.run(callStarted('c1', { language: 'zh' }));
  for (const chunk of audioChunks('c1', TWO_UTTERANCES)) assert.deepEqual(await h.run(chunk), []);
  const state = h.stateOf('c1');
  assert.equal(state?.live.segmenter, undefined, 'no VAD runs for it');
  assert.equal(state?.counts.framesReceived, TWO_UTTERANCES_FRAMES, 'frames are still counted');
  assert.deepEqual(await h.run(callEnded('c1', TWO_UTTERANCES_FRAMES)), []);
  assert.equal(recognizer.calls.length, 0);
  const notices = log.parsed().filter((l) => typeof l['msg'] === 'string' && l['msg'].startsWith('call language not recognised'));
  assert.equal(notices.length, 1);
  assert.equal(notices[0]?.['language'], 'zh');
  assert.equal(notices[0]?.['engine'], 'fake');
  assert.equal(h.stateOf('c1'), undefined);
});

test('audio ahead of CallStarted (it travels on the other lane): utterances wait for the language', async () => {
  const recognizer = new FakeRecognizer(new Set(['en', 'zh']));
  const h = new ProcessorHarness(createAsrProcessor({ recognizer, recognition: 'inline' }));
  const chunks = audioChunks('c1', TWO_UTTERANCES);
  for (const chunk of chunks.slice(0, END_CHUNKS[0]! + 3)) assert.deepEqual(await h.run(chunk), []);
  assert.equal(recognizer.calls.length, 0, 'held, not recognised in a guessed language');
  const atStart = transcriptsOf(await h.run(callStarted('c1', { language: 'zh' })));
  assert.deepEqual(atStart.map((t) => [t.utteranceId, t.language]), [['c1:820', 'zh']]);
  const rest: HarnessOutput[] = [];
  for (const chunk of chunks.slice(END_CHUNKS[0]! + 3)) rest.push(...(await h.run(chunk)));
  assert.deepEqual(transcriptsOf(rest).map((t) => t.language), ['zh']);
});

test('CallStarted never seen (consumed before a restart): after a few utterances the default language is assumed', async () => {
  const recognizer = new FakeRecognizer(new Set(['en']));
  const log = captureLog();
  const h = new ProcessorHarness(createAsrProcessor({ recognizer, recognition: 'inline', maxHeldUtterances: 1 }), log.logger);
  const out: HarnessOutput[] = [];
  for (const chunk of audioChunks('c1', TWO_UTTERANCES, 5001)) out.push(...(await h.run(chunk)));
  assert.deepEqual(transcriptsOf(out).map((t) => [t.utteranceId, t.language]), [['c1:100820', 'en'], ['c1:102620', 'en']]);
  assert.equal(log.parsed().filter((l) => l['msg'] === 'call start not seen: recognising in the default language').length, 1);
  // Without the call's start it cannot know how many frames to expect: CallEnded ends it at once.
  assert.deepEqual(await h.run(callEnded('c1', 99_999)), []);
  assert.equal(h.stateOf('c1'), undefined);
});

test('language tags reduce to their primary subtag', () => {
  assert.deepEqual(['zh-CN', 'EN_us', ' en ', 'yue-Hant-HK'].map(primaryLanguage), ['zh', 'en', 'en', 'yue']);
  const of = languageFromAttributes('en');
  assert.equal(of({ callId: '', callerNumber: '', calleeNumber: '', codec: Codec.CODEC_UNSPECIFIED, sampleRateHz: 8000, channel: '', attributes: { language: ' ' } }), 'en');
});
