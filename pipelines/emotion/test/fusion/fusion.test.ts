import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VoiceEvidence } from '../../src/baseline/arousal';
import { DEFAULT_FUSION_OPTIONS, fuse, type EmotionLabel } from '../../src/fusion/fusion';
import type { TextSentiment } from '../../src/text/sentiment';

const text = (score: number, intensity = Math.abs(score) * 0.7): TextSentiment => ({ score, intensity, language: 'en', lexiconHits: score === 0 ? 0 : 1 });
const voice = (arousal: number, lowness = 0): VoiceEvidence => ({ arousal, lowness });

const table: [string, TextSentiment, VoiceEvidence | undefined, EmotionLabel][] = [
  ['plain request, calm voice', text(0), voice(0.1), 'neutral'],
  ['thanks, calm voice', text(0.6), voice(0.2), 'happy'],
  ['thanks, lively voice', text(0.5), voice(0.7), 'happy'],
  ['complaint, calm voice', text(-0.5), voice(0.2), 'frustrated'],
  ['complaint, raised voice', text(-0.5), voice(0.8), 'angry'],
  ['mild complaint, raised voice', text(-0.25), voice(0.8), 'angry'],
  ['slight negativity, calm voice', text(-0.1), voice(0.1), 'neutral'],
  ['sad words, low flat voice', text(-0.4), voice(0, 0.6), 'sad'],
  ['sad words, ordinary voice', text(-0.4), voice(0.1, 0), 'frustrated'],
  ['neutral words, shouting', text(0), voice(0.95), 'frustrated'],
  ['neutral words, somewhat raised voice', text(0), voice(0.6), 'neutral'],
  ['chat: complaint', text(-0.6), undefined, 'frustrated'],
  ['chat: strong complaint, strong emphasis', text(-1, 1), undefined, 'angry'],
  ['chat: praise', text(0.7), undefined, 'happy'],
  ['chat: nothing', text(0), undefined, 'neutral'],
];

for (const [name, t, v, expected] of table) {
  test(`fusion: ${name} → ${expected}`, () => {
    assert.equal(fuse(t, v).label, expected);
  });
}

test('valence is mostly words, pushed by the voice', () => {
  const calmVoice = fuse(text(-0.4), voice(0));
  const raised = fuse(text(-0.4), voice(0.8));
  const low = fuse(text(-0.4), voice(0, 0.8));
  assert.equal(calmVoice.valence, -0.4);
  assert.ok(raised.valence < calmVoice.valence, 'a raised voice makes a complaint more negative');
  assert.ok(low.valence < calmVoice.valence, 'a low voice pulls down');
  assert.equal(fuse(text(0), voice(0.9)).valence, 0, 'arousal alone has no sign');
  assert.equal(fuse(text(-1), voice(1)).valence, -1, 'clamped');
});

test('arousal is mostly voice; without prosody it comes from the words at a lower weight', () => {
  const t = text(-0.6, 0.8);
  assert.ok(Math.abs(fuse(t, voice(0.5)).arousal - (0.8 * 0.5 + 0.2 * 0.8)) < 1e-12);
  const chat = fuse(t, undefined);
  assert.ok(Math.abs(chat.arousal - DEFAULT_FUSION_OPTIONS.textOnlyArousalWeight * 0.8) < 1e-12);
  assert.equal(chat.usedVoice, false);
  assert.ok(fuse(text(-1, 1), undefined).arousal <= DEFAULT_FUSION_OPTIONS.textOnlyArousalWeight);
});

test('thresholds are options: a stricter tenant calls fewer callers angry', () => {
  const t = text(-0.5);
  const v = voice(0.75);
  assert.equal(fuse(t, v).label, 'angry');
  assert.equal(fuse(t, v, { ...DEFAULT_FUSION_OPTIONS, angryArousal: 0.8 }).label, 'frustrated');
  assert.equal(fuse(text(0.2), voice(0.2), { ...DEFAULT_FUSION_OPTIONS, happyValence: 0.15 }).label, 'happy');
});
