// What the caller said (as the NLU understood it), by where the call is: listening for a
// request, inside a flow at a question / confirmation / connector wait, or after a flow.
import type { Intent } from '@switchboard/contracts';
import type { AskStep, ConfirmStep, ConnectorStep } from '../pack/types';
import { askAgain, currentStep, goTo, handOff, runFrom, startFlow } from './flow-runner';
import { packLanguage } from './language';
import { MAX_HISTORY_KEPT } from './state';
import type { Turn } from './turn';

/** The caller's turn reduced to what decisions need. */
interface Heard {
  readonly name: string;
  readonly understood: boolean;
  /** The flow this intent starts, when understood and routed. */
  readonly route: string | undefined;
}

export function onIntent(turn: Turn, intent: Intent): void {
  const s = turn.state;
  if (s.mode === 'handed_off' || s.mode === 'ended') {
    turn.note(`ignored:${s.mode}`);
    return;
  }
  if (intent.utteranceId !== '' && intent.utteranceId === s.lastUtterance) {
    turn.note('repeated_utterance');
    return;
  }
  s.lastUtterance = intent.utteranceId;
  if (s.mode === 'new') {
    // The call's start is on another lane and may come later; answer in the default language.
    turn.note('intent_before_call_started');
    s.mode = 'listening';
  }
  mergeSlots(turn, intent);
  const { settings, routes } = turn.pack;
  const understood = intent.name !== '' && !intent.outOfScope && !settings.outOfScopeIntents.has(intent.name) && intent.confidence >= settings.minConfidence;
  if (understood) remember(turn, intent);
  const heard: Heard = { name: intent.name, understood, route: understood ? routes.get(intent.name) : undefined };
  turn.note(understood ? `intent:${intent.name}` : 'not_understood');
  if (understood && settings.goodbyeIntent !== '' && intent.name === settings.goodbyeIntent) farewell(turn);
  else if (s.mode === 'listening') onListening(turn, heard);
  else if (s.mode === 'anything_else') onAnythingElse(turn, heard);
  else onFlowTurn(turn, heard);
}

function mergeSlots(turn: Turn, intent: Intent): void {
  for (const slot of intent.slots) {
    // Only slots the pack declares are kept: the state stays small and holds no stray PII.
    if (!turn.pack.slots.has(slot.name) || slot.value.trim() === '') continue;
    turn.state.slots[slot.name] = slot.value;
    turn.note(`slot:${slot.name}`);
  }
}

function remember(turn: Turn, intent: Intent): void {
  const s = turn.state;
  const { affirmIntent, denyIntent } = turn.pack.settings;
  // Requests are what an agent wants to know about; yes and no say nothing on their own.
  const request = intent.name !== affirmIntent && intent.name !== denyIntent;
  if (request && !s.intents.includes(intent.name) && s.intents.length < MAX_HISTORY_KEPT) s.intents.push(intent.name);
  if (!turn.pack.settings.followCallerLanguage) return;
  const lang = packLanguage(turn.pack, intent.language);
  if (lang !== undefined && lang !== turn.lang) {
    s.lang = lang;
    turn.note(`language:${lang}`);
  }
}

function onListening(turn: Turn, heard: Heard): void {
  if (heard.route !== undefined) startFlow(turn, heard.route);
  else miss(turn);
}

function onAnythingElse(turn: Turn, heard: Heard): void {
  const s = turn.state;
  const { settings, system } = turn.pack;
  if (heard.route !== undefined) {
    startFlow(turn, heard.route);
  } else if (heard.understood && heard.name === settings.denyIntent) {
    farewell(turn);
  } else if (heard.understood && heard.name === settings.affirmIntent) {
    s.misses = 0;
    s.mode = 'listening';
    turn.say(system.howCanIHelp);
  } else {
    miss(turn);
  }
}

/** The caller is done: say goodbye and hang up. */
function farewell(turn: Turn): void {
  turn.say(turn.pack.system.goodbye);
  turn.hangUp('completed');
  turn.note('goodbye');
  turn.state.mode = 'ended';
}

function onFlowTurn(turn: Turn, heard: Heard): void {
  const step = currentStep(turn);
  if (step === undefined || step.kind === 'say' || step.kind === 'handoff') {
    // The pack was reloaded and this step is gone (the runner never waits at say/handoff).
    turn.note('flow_lost');
    turn.state.mode = 'listening';
    onListening(turn, heard);
    return;
  }
  if (step.kind === 'ask') onAnswer(turn, step, heard);
  else if (step.kind === 'confirm') onConfirmation(turn, step, heard);
  else onWhileWaiting(turn, step, heard);
}

// Order matters: a slot the caller gave, then an answer the step maps by intent, then a switch
// to another flow, then the step's catch-all, and only then a retry.
function onAnswer(turn: Turn, step: AskStep, heard: Heard): void {
  const s = turn.state;
  const mapped = heard.understood ? step.values.get(heard.name) : undefined;
  if (s.slots[step.slot] === undefined && mapped !== undefined) s.slots[step.slot] = mapped;
  if (s.slots[step.slot] !== undefined) {
    s.misses = 0;
    runFrom(turn, s.step + 1);
  } else if (heard.route !== undefined && heard.route !== s.flow) {
    startFlow(turn, heard.route);
  } else if (step.otherwise !== undefined) {
    s.slots[step.slot] = step.otherwise;
    s.misses = 0;
    runFrom(turn, s.step + 1);
  } else {
    retry(turn, step);
  }
}

function onConfirmation(turn: Turn, step: ConfirmStep, heard: Heard): void {
  const s = turn.state;
  const { affirmIntent, denyIntent } = turn.pack.settings;
  if (heard.understood && heard.name === affirmIntent) {
    s.misses = 0;
    runFrom(turn, s.step + 1);
  } else if (heard.understood && heard.name === denyIntent) {
    s.misses = 0;
    goTo(turn, step.onDeny, 'declined');
  } else if (heard.route !== undefined && heard.route !== s.flow) {
    startFlow(turn, heard.route);
  } else {
    retry(turn, step);
  }
}

function onWhileWaiting(turn: Turn, step: ConnectorStep, heard: Heard): void {
  const s = turn.state;
  if (turn.nowMs - s.pendingSinceMs > turn.pack.settings.resultTimeoutMs) {
    // Only a caller's turn can notice a lost result: the engine has no timers of its own.
    turn.note(`${step.kind}_timeout`);
    s.pending = '';
    goTo(turn, step.onFailure.byReason.get('timeout') ?? step.onFailure.other, `${step.kind}_failed`);
  } else if (heard.route !== undefined && heard.route !== s.flow) {
    startFlow(turn, heard.route);
  } else if (turn.pack.system.pleaseWait !== undefined) {
    turn.say(turn.pack.system.pleaseWait);
  }
}

/** Re-asks with the step's next prompt; out of prompts (or of patience) escalates. */
function retry(turn: Turn, step: AskStep | ConfirmStep): void {
  const s = turn.state;
  s.misses++;
  if (s.misses >= turn.pack.settings.maxMisses) {
    handOff(turn, 'not_understood');
    return;
  }
  s.tries++;
  if (s.tries >= step.prompts.length) {
    turn.note('retries_exhausted');
    goTo(turn, step.onExhausted, 'retries_exhausted');
    return;
  }
  askAgain(turn, step);
}

/** Not understood outside a question: re-prompt with the next wording, then hand off. */
function miss(turn: Turn): void {
  const s = turn.state;
  s.misses++;
  if (s.misses >= turn.pack.settings.maxMisses) {
    handOff(turn, 'not_understood');
    return;
  }
  const prompts = turn.pack.system.notUnderstood;
  turn.say(prompts[Math.min(s.misses, prompts.length) - 1]!);
}
