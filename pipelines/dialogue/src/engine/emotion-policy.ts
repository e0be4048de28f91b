// The emotion policy. Intent and emotion events of one utterance arrive separately and in
// either order, so nothing here waits for the pair:
//  - an emotion event only updates a sliding window of recent utterances (keyed by utterance id,
//    so order does not matter) and may hand off at once when the window shows sustained anger;
//  - soothing is not said on the emotion event (the bot would talk over its own reply) but put in
//    front of the next reply: the reply to the same utterance when its emotion came first, the
//    following reply when it came late.
import type { Emotion } from '@switchboard/contracts';
import type { EmotionThresholds, Pack } from '../pack/types';
import { handOff } from './flow-runner';
import type { Turn } from './turn';

export function thresholdsFor(pack: Pack, tenantId: string): EmotionThresholds {
  return pack.emotion.tenants.get(tenantId) ?? pack.emotion.defaults;
}

export function isNegative(emotion: Emotion, t: EmotionThresholds): boolean {
  return t.negativeLabels.has(emotion.label) || emotion.valence < t.valenceBelow;
}

/** `utterance` falls back to the event id for emotions not tied to an utterance. */
export function onEmotion(turn: Turn, emotion: Emotion, utterance: string): void {
  const s = turn.state;
  if (s.mode === 'handed_off' || s.mode === 'ended') return;
  const t = thresholdsFor(turn.pack, turn.tenantId);
  const negative = isNegative(emotion, t);
  // A re-scored utterance replaces its earlier reading instead of counting twice.
  s.moods = s.moods.filter((m) => m.utterance !== utterance);
  s.moods.push({ utterance, negative });
  s.moods = s.moods.slice(-t.window);
  const count = s.moods.filter((m) => m.negative).length;
  turn.note(negative ? `negative_emotion:${count}/${s.moods.length}` : 'emotion');
  if (count >= t.handoffAfter) handOff(turn, 'sustained_negative_emotion');
}

/**
 * Puts the soothing prompt first in this turn's reply, once per call, when a negative emotion
 * has been seen. Not before a hand-off: the hand-off prompt already acknowledges the caller.
 */
export function sootheIfDue(turn: Turn): void {
  const s = turn.state;
  if (s.soothed || turn.actions.length === 0) return;
  if (turn.actions.some((a) => a.transferToHuman !== undefined)) return;
  if (!s.moods.some((m) => m.negative)) return;
  s.soothed = true;
  turn.say(turn.pack.emotion.soothePrompt, 'start');
  turn.note('soothe');
}
