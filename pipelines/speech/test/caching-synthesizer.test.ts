import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SwitchboardError } from '@switchboard/runtime';
import { CachingSynthesizer, InstantSynthesizer, type Pcm16Audio, type SpeechSynthesizer, type SynthesisRequest } from '../src/index';

const GREETING: SynthesisRequest = { text: 'Welcome to Switchboard.', language: 'en', sampleRateHz: 8000, cacheKey: 'greeting' };

void test('a fixed prompt is synthesized once and then served from the cache', async () => {
  const engine = new InstantSynthesizer();
  const cache = new CachingSynthesizer(engine);
  const first = await cache.synthesize(GREETING);
  const second = await cache.synthesize(GREETING);
  assert.equal(engine.calls, 1);
  assert.deepEqual(second.samples, first.samples);
  // Each caller gets its own copy: editing one does not change the next.
  second.samples[0] = 12345;
  assert.notEqual((await cache.synthesize(GREETING)).samples[0], 12345);
  assert.deepEqual(cache.stats(), { entries: 1, samples: first.samples.length, hits: 2, misses: 1 });
});

void test('concurrent requests for one prompt share one synthesis', async () => {
  const engine = new InstantSynthesizer();
  const cache = new CachingSynthesizer(engine);
  const all = await Promise.all([cache.synthesize(GREETING), cache.synthesize(GREETING), cache.synthesize(GREETING)]);
  assert.equal(engine.calls, 1);
  assert.equal(all.length, 3);
});

void test('requests without a key are never kept; key, text, language and rate all separate entries', async () => {
  const engine = new InstantSynthesizer();
  const cache = new CachingSynthesizer(engine);
  const dynamic: SynthesisRequest = { text: 'Your order 5521 has shipped.', language: 'en', sampleRateHz: 8000 };
  await cache.synthesize(dynamic);
  await cache.synthesize(dynamic);
  assert.equal(engine.calls, 2);
  assert.equal(cache.stats().entries, 0);
  await cache.synthesize(GREETING);
  await cache.synthesize({ ...GREETING, text: 'Welcome to Switchboard!' }); // edited prompt
  await cache.synthesize({ ...GREETING, sampleRateHz: 16000 });
  await cache.synthesize({ ...GREETING, language: 'zh', text: '欢迎' });
  assert.equal(engine.calls, 6);
  assert.equal(cache.stats().entries, 4);
});

void test('bounded by entries and by samples, least recently used out first', async () => {
  const engine = new InstantSynthesizer({ msPerCharacter: 100 }); // 800 samples per character at 8 kHz
  const cache = new CachingSynthesizer(engine, { maxEntries: 2, maxSamples: 10_000 });
  const prompt = (key: string, text: string): SynthesisRequest => ({ text, language: 'en', sampleRateHz: 8000, cacheKey: key });
  await cache.synthesize(prompt('a', 'aa'));
  await cache.synthesize(prompt('b', 'bb'));
  await cache.synthesize(prompt('a', 'aa')); // a is now the most recent
  await cache.synthesize(prompt('c', 'cc')); // evicts b
  assert.equal(cache.stats().entries, 2);
  const calls = engine.calls;
  await cache.synthesize(prompt('a', 'aa'));
  assert.equal(engine.calls, calls, 'a was kept');
  await cache.synthesize(prompt('b', 'bb'));
  assert.equal(engine.calls, calls + 1, 'b had been evicted');

  await cache.synthesize(prompt('big', 'x'.repeat(12))); // 9600 samples: the others must go
  assert.equal(cache.stats().entries, 1);
  assert.ok(cache.stats().samples <= 10_000);
});

void test('a failed synthesis is not cached', async () => {
  let fail = true;
  const inner = new InstantSynthesizer();
  const flaky: SpeechSynthesizer = {
    name: 'flaky', languages: inner.languages, close: () => Promise.resolve(),
    synthesize: (r): Promise<Pcm16Audio> => (fail ? Promise.reject(new SwitchboardError('UNAVAILABLE', 'down')) : inner.synthesize(r)),
  };
  const cache = new CachingSynthesizer(flaky);
  await assert.rejects(cache.synthesize(GREETING));
  fail = false;
  const audio = await cache.synthesize(GREETING);
  assert.ok(audio.samples.length > 0);
  assert.equal(cache.stats().entries, 1);
});
