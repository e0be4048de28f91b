import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emotion, Envelope, ProsodyFeatures } from '@switchboard/contracts';
import { createLogger, ProcessorHarness, testEvent, type HarnessOutput } from '@switchboard/runtime';
import { createEmotionProcessor, EMOTION_STATE_VERSION } from '../../src/processor/emotion-processor';

// Values exactly representable as float32, so what went through protobuf compares equal.
const calm: ProsodyFeatures = { energyDb: -26, pitchMeanHz: 160, pitchRangeHz: 70, speakingRateSps: 4.5, pauseRatio: 0.125 };
const loud: ProsodyFeatures = { energyDb: -12, pitchMeanHz: 232, pitchRangeHz: 112, speakingRateSps: 5.5, pauseRatio: 0.0625 };
const raised: ProsodyFeatures = { energyDb: -15, pitchMeanHz: 236, pitchRangeHz: 140, speakingRateSps: 6, pauseRatio: 0 };
const wobble = (p: ProsodyFeatures, i: number): ProsodyFeatures => ({ ...p, energyDb: p.energyDb + [0, 1, -1, 0.5, -0.5][i % 5]!, pitchMeanHz: p.pitchMeanHz + [0, 6, -6, 3, -3][i % 5]! });

let seq = 0;
function transcript(text: string, prosody: ProsodyFeatures | undefined, opts: { isFinal?: boolean; language?: string; conversationId?: string; tenantId?: string } = {}): Envelope {
  seq++;
  return testEvent('transcript', {
    utteranceId: `u-${seq}`,
    isFinal: opts.isFinal ?? true,
    text,
    language: opts.language ?? 'en',
    confidence: 0.9,
    startMs: seq * 3000,
    endMs: seq * 3000 + 2000,
    words: [],
    prosody,
  }, { conversationId: opts.conversationId ?? 'call-1', tenantId: opts.tenantId ?? 'acme' });
}

function emotions(out: HarnessOutput[]): Emotion[] {
  return out.map((o) => {
    assert.ok(o.topic === 'emotions', `unexpected output on ${o.topic}`);
    assert.ok(o.envelope.emotion !== undefined);
    return o.envelope.emotion;
  });
}

test('one emotion event per final transcript; partials and other kinds are passed over', async () => {
  const h = new ProcessorHarness(createEmotionProcessor());
  assert.deepEqual(await h.run(transcript('this is', calm, { isFinal: false })), []);
  assert.deepEqual(await h.run(testEvent('dtmf', { digit: '1', durationMs: 80, sequence: 1 }, { conversationId: 'call-1' })), []);
  const ev = transcript('thank you so much, that was really helpful', calm);
  const out = await h.run(ev);
  const [e] = emotions(out);
  assert.ok(e !== undefined && out.length === 1);
  assert.equal(e.utteranceId, ev.transcript?.utteranceId);
  assert.equal(e.label, 'happy');
  assert.ok(e.valence > 0.3 && e.valence <= 1);
  assert.ok(e.arousal >= 0 && e.arousal <= 1);
  assert.ok(e.textSentiment > 0.3);
  assert.deepEqual(e.prosody, calm, 'prosody as received');
  assert.equal(out[0]?.topic === 'emotions' ? out[0].envelope.source : '', 'emotion');
  assert.equal(h.stateOf('call-1')?.utterances, 1);
  assert.equal(h.stateOf('call-1')?.baseline.features.energyDb.n, 1);
});

test('a caller who is always loud is not angry by default; a calm caller whose voice rises is', async () => {
  const h = new ProcessorHarness(createEmotionProcessor());
  const loudLabels: string[] = [];
  for (let i = 0; i < 6; i++) loudLabels.push(...emotions(await h.run(transcript('this is ridiculous', wobble(loud, i), { conversationId: 'loud' }))).map((e) => e.label));
  assert.deepEqual(loudLabels, Array(6).fill('frustrated'), `always-loud caller: ${loudLabels.join(' ')}`);

  for (let i = 0; i < 5; i++) await h.run(transcript('I need to check my bill', wobble(calm, i), { conversationId: 'rising' }));
  const [calmComplaint] = emotions(await h.run(transcript('this is ridiculous', wobble(calm, 5), { conversationId: 'rising' })));
  assert.equal(calmComplaint?.label, 'frustrated', 'the same words said calmly');
  const [outburst] = emotions(await h.run(transcript('this is ridiculous', raised, { conversationId: 'rising' })));
  assert.equal(outburst?.label, 'angry', 'the same words with a sudden rise');
  assert.ok(outburst.arousal > 0.6 && outburst.valence < calmComplaint.valence);
});

test('without prosody (chat, Chinese text path) words alone decide, at a lower arousal weight', async () => {
  const h = new ProcessorHarness(createEmotionProcessor());
  const [en] = emotions(await h.run(transcript('I am very disappointed with your service', undefined, { conversationId: 'chat' })));
  assert.equal(en?.label, 'frustrated');
  assert.equal(en.prosody, undefined);
  assert.ok(en.arousal <= 0.6);
  const [zh] = emotions(await h.run(transcript('非常满意，谢谢你们', undefined, { language: 'zh', conversationId: 'chat' })));
  assert.equal(zh?.label, 'happy');
  assert.equal(h.stateOf('chat')?.baseline.features.energyDb.n, 0, 'no voice, no baseline update');
});

test('thresholds per tenant', async () => {
  const lenient = createEmotionProcessor({ fusionFor: (tenantId) => (tenantId === 'lenient' ? { angryArousal: 0.95 } : undefined) });
  const run = async (tenantId: string): Promise<string | undefined> => {
    const h = new ProcessorHarness(lenient);
    for (let i = 0; i < 5; i++) await h.run(transcript('I need to check my bill', wobble(calm, i), { tenantId }));
    return emotions(await h.run(transcript('this is ridiculous', raised, { tenantId })))[0]?.label;
  };
  assert.equal(await run('acme'), 'angry');
  assert.equal(await run('lenient'), 'frustrated');
});

test('the state checkpoints as JSON and restores; a foreign version is refused', async () => {
  const p = createEmotionProcessor();
  const h = new ProcessorHarness(p);
  for (let i = 0; i < 3; i++) await h.run(transcript('fine', wobble(calm, i), { conversationId: 'cp' }));
  const state = h.stateOf('cp');
  assert.ok(state !== undefined && p.checkpoint !== undefined);
  const saved = JSON.parse(JSON.stringify(p.checkpoint.save(state))) as unknown;
  assert.deepEqual(p.checkpoint.restore(saved, EMOTION_STATE_VERSION), state);
  assert.throws(() => p.checkpoint?.restore(saved, EMOTION_STATE_VERSION + 1), /version/);
  assert.throws(() => p.checkpoint?.restore({ baseline: {} }, EMOTION_STATE_VERSION), /utterance count/);
});

test('transcript text never reaches a log line', async () => {
  const lines: string[] = [];
  const h = new ProcessorHarness(createEmotionProcessor(), createLogger('test', 'debug', (l) => lines.push(l)));
  await h.run(transcript('my account number is 12345678 and I am furious', loud, { conversationId: 'pii' }));
  assert.ok(lines.length > 0, 'debug lines were written');
  for (const l of lines) assert.ok(!l.includes('12345678') && !l.includes('furious'), l);
});
