// Moving through a flow: run steps until one has to wait (a question, a confirmation, a
// connector result) or the flow ends; branch to targets; hand off to a human.
import type { AskStep, ConfirmStep, ConnectorStep, HandoffStep, Step, Target } from '../pack/types';
import { MAX_HISTORY_KEPT } from './state';
import { summarize } from './summary';
import type { Turn } from './turn';

export function startFlow(turn: Turn, name: string): void {
  const s = turn.state;
  if (!turn.pack.flows.has(name)) {
    // Only a pack reloaded without this flow gets here (the loader checks every reference).
    turn.note(`unknown_flow:${name}`);
    handOff(turn, 'unknown_flow');
    return;
  }
  s.mode = 'flow';
  s.flow = name;
  if (!s.flows.includes(name) && s.flows.length < MAX_HISTORY_KEPT) s.flows.push(name);
  s.outputs = {};
  s.misses = 0;
  turn.note(`flow:${name}`);
  runFrom(turn, 0);
}

/** Runs the current flow from step `index` until a step waits or the flow is done. */
export function runFrom(turn: Turn, index: number): void {
  const s = turn.state;
  const flow = turn.pack.flows.get(s.flow);
  if (flow === undefined) {
    startFlow(turn, s.flow); // hands off: the flow is gone
    return;
  }
  for (let i = index; ; i++) {
    s.step = i;
    s.tries = 0;
    s.pending = '';
    s.pendingSinceMs = 0;
    const step = flow.steps[i];
    if (step === undefined) {
      completeFlow(turn);
      return;
    }
    switch (step.kind) {
      case 'say':
        turn.sayFirstFilled(step.prompts);
        break;
      case 'ask':
        // A slot the caller already gave (in this flow's first sentence, or an earlier flow) is not asked again.
        if (s.slots[step.slot] !== undefined) break;
        askAgain(turn, step);
        return;
      case 'confirm':
        askAgain(turn, step);
        return;
      case 'lookup':
      case 'ticket':
        sendConnectorAction(turn, step, `${flow.name}.steps.${i}`);
        return;
      case 'handoff':
        handOff(turn, step.reason, step);
        return;
    }
  }
}

/** Says the question of an ask/confirm step for the current attempt (`tries`). */
export function askAgain(turn: Turn, step: AskStep | ConfirmStep): void {
  const prompt = step.prompts[turn.state.tries] ?? step.prompts[step.prompts.length - 1]!;
  if (step.kind === 'ask') turn.ask(prompt, step.slot);
  else turn.say(prompt);
}

function sendConnectorAction(turn: Turn, step: ConnectorStep, where: string): void {
  const s = turn.state;
  s.pending = step.kind === 'lookup'
    ? turn.lookup(step.connector, step.operation, turn.fillAll(step.params, where))
    : turn.ticket(turn.fill(step.subject, `${where}.subject`), turn.fill(step.body, `${where}.body`), step.priority, turn.fillAll(step.fields, where));
  s.pendingSinceMs = turn.nowMs;
}

export function completeFlow(turn: Turn): void {
  const s = turn.state;
  turn.note(`flow_done:${s.flow}`);
  s.mode = 'anything_else';
  s.step = 0;
  s.tries = 0;
  s.pending = '';
  turn.say(turn.pack.system.anythingElse);
}

/** `reason` says why, for the agent, when the target is a hand-off. */
export function goTo(turn: Turn, target: Target, reason: string): void {
  if (target.kind === 'flow') startFlow(turn, target.flow);
  else if (target.kind === 'end') completeFlow(turn);
  else handOff(turn, reason);
}

export function handOff(turn: Turn, reason: string, step?: HandoffStep): void {
  const s = turn.state;
  turn.say(step?.prompt ?? turn.pack.system.handoff);
  turn.transfer({
    queue: step?.queue ?? turn.pack.settings.handoffQueue,
    reason,
    summary: summarize(turn, reason),
    slots: { ...s.slots },
  });
  turn.note(`handoff:${reason}`);
  s.mode = 'handed_off';
  s.pending = '';
}

/** The step the call is at, or undefined when not in a flow (or the pack no longer has it). */
export function currentStep(turn: Turn): Step | undefined {
  const s = turn.state;
  return s.mode === 'flow' ? turn.pack.flows.get(s.flow)?.steps[s.step] : undefined;
}
