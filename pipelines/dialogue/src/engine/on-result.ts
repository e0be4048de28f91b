// A connector's answer to the lookup or ticket the current step is waiting for.
import type { ActionResult } from '@switchboard/contracts';
import { currentStep, goTo, runFrom } from './flow-runner';
import type { Turn } from './turn';

export function onActionResult(turn: Turn, result: ActionResult): void {
  const s = turn.state;
  const step = currentStep(turn);
  // Results of says and asks, of abandoned steps and duplicates all land here and are dropped.
  if (s.pending === '' || result.actionId !== s.pending || (step?.kind !== 'lookup' && step?.kind !== 'ticket')) {
    turn.note('result_ignored');
    return;
  }
  s.pending = '';
  const missing = result.success ? step.outputs.filter((o) => o.required && (result.output[o.name] ?? '') === '').map((o) => o.name) : [];
  if (!result.success || missing.length > 0) {
    // Connectors report a reason code; anything else is treated (and noted) as `other`.
    const reason = result.success ? 'incomplete' : /^[a-z_]{1,32}$/.test(result.failureReason) ? result.failureReason : 'other';
    turn.note(`${step.kind}_failed:${reason}${missing.length > 0 ? `:${missing.join(',')}` : ''}`);
    goTo(turn, step.onFailure.byReason.get(reason) ?? step.onFailure.other, `${step.kind}_failed`);
    return;
  }
  // Only declared outputs are kept: the state stays small and holds no data the pack does not use.
  for (const { name } of step.outputs) {
    const value = result.output[name] ?? '';
    if (value !== '') s.outputs[name] = value;
  }
  turn.note(`${step.kind}_ok`);
  runFrom(turn, s.step + 1);
}
