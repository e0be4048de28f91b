// The short summary handed to the human agent with a transfer. It names the requests, the flows
// run (a failure branch such as lookup_failed follows the flow the caller came for) and which
// slots are filled; the slot values travel separately in the transfer's slots map.
import type { Turn } from './turn';

export function summarize(turn: Turn, reason: string): string {
  const s = turn.state;
  const flow = s.mode === 'flow' ? turn.pack.flows.get(s.flow) : undefined;
  const step = flow?.steps[s.step];
  const at = flow !== undefined && step !== undefined ? ` (in ${flow.name} at step ${s.step + 1} of ${flow.steps.length}: ${step.kind})` : '';
  const where = s.flows.length === 0 ? 'none' : `${s.flows.join(', ')}${at}`;
  const negative = s.moods.filter((m) => m.negative).length;
  return [
    `reason: ${reason}`,
    `intents: ${s.intents.join(', ') || 'none'}`,
    `flows: ${where}`,
    `slots: ${Object.keys(s.slots).join(', ') || 'none'}`,
    `negative emotion: ${negative} of the last ${s.moods.length} utterances`,
    `language: ${turn.lang}`,
  ].join('; ');
}
