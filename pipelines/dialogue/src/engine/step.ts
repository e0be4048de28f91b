// The pure core of the dialogue: one decoded event in, the next state and the actions out.
// No clock, no I/O, no randomness: the same state and event always give the same result, and
// action ids derive from the event id, so a replayed event re-emits identical actions.
import type { Action, CallStarted, Envelope } from '@switchboard/contracts';
import type { Pack } from '../pack/types';
import { onEmotion, sootheIfDue } from './emotion-policy';
import { packLanguage } from './language';
import { onIntent } from './on-intent';
import { onActionResult } from './on-result';
import type { DialogueState } from './state';
import { Turn } from './turn';

export interface StepResult {
  readonly state: DialogueState;
  readonly actions: readonly Action[];
  /** Why, as codes and pack names (never values): safe to log. */
  readonly notes: readonly string[];
}

/** `nowMs` is the event's time (occurred_at), not the wall clock, so replays decide the same. */
export function step(state: DialogueState, input: Envelope, pack: Pack, nowMs: number): StepResult {
  // The caller's state is never changed: the turn works on a copy.
  const turn = new Turn(pack, structuredClone(state), input.eventId, input.tenantId, nowMs);
  const s = turn.state;
  if (input.callStarted) {
    onCallStarted(turn, input.callStarted);
  } else if (input.callEnded) {
    s.mode = 'ended';
    s.pending = '';
    turn.note('call_ended');
  } else if (input.intent) {
    onIntent(turn, input.intent);
    sootheIfDue(turn);
  } else if (input.emotion) {
    onEmotion(turn, input.emotion, input.emotion.utteranceId === '' ? input.eventId : input.emotion.utteranceId);
  } else if (input.actionResult) {
    onActionResult(turn, input.actionResult);
    sootheIfDue(turn);
  } else {
    turn.note('ignored_event_kind');
  }
  return { state: s, actions: turn.actions, notes: turn.notes };
}

function onCallStarted(turn: Turn, started: CallStarted): void {
  const s = turn.state;
  const lang = packLanguage(turn.pack, started.attributes.language ?? '');
  if (s.lang === '') s.lang = lang ?? turn.pack.settings.defaultLanguage;
  if (s.mode !== 'new') {
    // Redelivered, or the caller's first intent overtook it on the other lane: no second greeting.
    turn.note('call_started_late');
    return;
  }
  s.mode = 'listening';
  turn.note(`greeting:${turn.lang}`);
  turn.say(turn.pack.system.greeting);
}
