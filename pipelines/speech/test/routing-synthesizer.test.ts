import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { InstantSynthesizer, primaryLanguage, RoutingSynthesizer, type SpeechSynthesizer } from '../src/index';

function named(name: string, languages: string[], msPerCharacter: number): SpeechSynthesizer & { closed: number; inner: InstantSynthesizer } {
  const inner = new InstantSynthesizer({ languages, msPerCharacter });
  const engine = {
    name, languages: inner.languages, inner, closed: 0,
    synthesize: inner.synthesize.bind(inner),
    close: () => { engine.closed++; return Promise.resolve(); },
  };
  return engine;
}

void test('routes by the primary language tag, the first engine for a language winning', async () => {
  const piper = named('piper', ['en'], 10);
  const espeak = named('espeak-ng', ['zh'], 100);
  const spare = named('spare', ['en', 'fr'], 1);
  const router = new RoutingSynthesizer([piper, espeak, spare]);
  assert.deepEqual([...router.languages].sort(), ['en', 'fr', 'zh']);
  assert.equal(router.name, 'routing(en:piper,zh:espeak-ng,fr:spare)');

  const zh = await router.synthesize({ text: '你好', language: 'zh-CN', sampleRateHz: 8000 });
  assert.equal(zh.samples.length, 2 * 100 * 8); // espeak's 100 ms per character
  const en = await router.synthesize({ text: 'hi', language: 'EN', sampleRateHz: 8000 });
  assert.equal(en.samples.length, 2 * 10 * 8);
  assert.equal(router.engineFor('fr_CA')?.name, 'spare');
  assert.equal(piper.inner.calls, 1);
  assert.equal(espeak.inner.calls, 1);
  assert.equal(spare.inner.calls, 0);
});

void test('an unconfigured language is refused by name; close reaches every engine once', async () => {
  const both = named('both', ['en', 'zh'], 10);
  const router = new RoutingSynthesizer([both]);
  await assert.rejects(router.synthesize({ text: 'hola', language: 'es', sampleRateHz: 8000 }),
    (err) => isSwitchboardError(err, 'INVALID_ARGUMENT') && err.message.includes('"es"'));
  await router.close();
  assert.equal(both.closed, 1);
  assert.equal(primaryLanguage('zh-Hans-CN'), 'zh');
});
