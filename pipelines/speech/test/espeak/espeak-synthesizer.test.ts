import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { EspeakSynthesizer } from '../../src/index';
import { durationMs, rms, voicedShare } from '../helpers/audio';

const QUESTION = '您好，请问您的订单号是多少？'; // 12 syllables

void test('speaks Chinese characters as Mandarin: audible 8 kHz audio of a plausible length', async (t) => {
  const espeak = new EspeakSynthesizer();
  const started = performance.now();
  const audio = await espeak.synthesize({ text: QUESTION, language: 'zh', sampleRateHz: 8000 });
  t.diagnostic(`espeak-ng latency: ${Math.round(performance.now() - started)} ms for ${Math.round(durationMs(audio))} ms of audio`);
  assert.equal(audio.sampleRateHz, 8000);
  // 12 syllables: roughly 0.15..0.6 s each.
  assert.ok(durationMs(audio) > 1800 && durationMs(audio) < 7200, `duration ${durationMs(audio)} ms`);
  assert.ok(rms(audio.samples) > 500, `rms ${rms(audio.samples)}`);
  assert.ok(voicedShare(audio) > 0.4, `voiced share ${voicedShare(audio)}`);
  const longer = await espeak.synthesize({ text: QUESTION + QUESTION, language: 'zh', sampleRateHz: 8000 });
  assert.ok(durationMs(longer) > 1.6 * durationMs(audio), 'twice the text is about twice the audio');
});

void test('the voice reads characters with Mandarin phonemes, where plain "cmn" switches to English', () => {
  // The reason for the voice choice, checked on the installed espeak-ng.
  const phonemes = (voice: string): string =>
    execFileSync('espeak-ng', ['-v', voice, '-b', '1', '-q', '-x', '--stdin'], { input: QUESTION, encoding: 'utf8' });
  assert.ok(!phonemes('cmn-latn-pinyin').includes('(en)'), 'cmn-latn-pinyin stays in Mandarin');
  assert.ok(phonemes('cmn').includes('(en)'), 'cmn reads the pinyin as English');
});

void test('refuses other languages and empty or oversized text; names the setup step if espeak-ng is absent', async () => {
  const espeak = new EspeakSynthesizer({ maxTextChars: 10 });
  const invalid = (err: unknown): boolean => isSwitchboardError(err, 'INVALID_ARGUMENT');
  await assert.rejects(espeak.synthesize({ text: 'hello', language: 'en', sampleRateHz: 8000 }), invalid);
  await assert.rejects(espeak.synthesize({ text: ' ', language: 'zh', sampleRateHz: 8000 }), invalid);
  await assert.rejects(espeak.synthesize({ text: '一二三四五六七八九十一', language: 'zh', sampleRateHz: 8000 }), invalid);
  const absent = new EspeakSynthesizer({ command: 'espeak-ng-not-installed' });
  await assert.rejects(absent.synthesize({ text: '你好', language: 'zh', sampleRateHz: 8000 }),
    (err) => isSwitchboardError(err, 'FAILED_PRECONDITION') && err.message.includes('setup-speech.sh'));
});

void test('other rates are honoured', async () => {
  const audio = await new EspeakSynthesizer().synthesize({ text: '谢谢', language: 'zh', sampleRateHz: 16000 });
  assert.equal(audio.sampleRateHz, 16000);
  assert.ok(durationMs(audio) > 300 && rms(audio.samples) > 500);
});
