// The `flows:` section (named lists of steps) and the `intents:` routing table.
import { isName, NAME_RULE, need, readMap, readName, type Problems, type YamlPath } from './reader';
import { readStep, RESERVED_TARGETS } from './read-steps';
import type { Refs } from './refs';
import type { Flow, Step } from './types';

export interface FlowsRead {
  /** Flows whose every step is valid. */
  readonly flows: Map<string, Flow>;
  /** Every flow's steps as far as they could be read (undefined where a step is broken). */
  readonly stepsAsRead: Map<string, readonly (Step | undefined)[]>;
}

export function readFlows(p: Problems, refs: Refs, value: unknown): FlowsRead {
  const out = new Map<string, Flow>();
  const stepsAsRead = new Map<string, (Step | undefined)[]>();
  const map = readMap(p, value, ['flows']);
  if (map === undefined) return { flows: out, stepsAsRead };
  for (const [name, body] of Object.entries(map)) {
    const at: YamlPath = ['flows', name];
    if (!isName(name)) {
      p.add(at, `flow name "${name}" ${NAME_RULE}`);
      continue;
    }
    if (RESERVED_TARGETS.includes(name)) {
      p.add(at, `"${name}" is reserved (on_deny/on_failure/on_exhausted: ${name} has its own meaning); rename the flow`);
      continue;
    }
    const flow = readMap(p, body, at, ['steps']);
    if (flow === undefined) continue;
    const rawSteps = need(p, flow, 'steps', at);
    if (rawSteps === undefined) continue;
    if (!Array.isArray(rawSteps) || rawSteps.length === 0) {
      p.add([...at, 'steps'], 'must be a list with at least one step');
      continue;
    }
    const steps = rawSteps.map((raw: unknown, i) => readStep(p, refs, raw, [...at, 'steps', i], { flow: name, step: i }));
    stepsAsRead.set(name, steps);
    // A flow with a broken step is left out; the problem is already reported.
    const complete = steps.filter((s): s is Step => s !== undefined);
    if (complete.length === steps.length) out.set(name, { name, steps: complete });
  }
  return { flows: out, stepsAsRead };
}

/** `intents:` — which flow each NLU intent starts. */
export function readRoutes(p: Problems, refs: Refs, value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const map = readMap(p, value, ['intents']);
  if (map === undefined) return out;
  for (const [intent, flowName] of Object.entries(map)) {
    const at: YamlPath = ['intents', intent];
    if (!isName(intent)) {
      p.add(at, `intent name "${intent}" ${NAME_RULE}`);
      continue;
    }
    const flow = readName(p, flowName, at);
    if (flow === undefined) continue;
    refs.flow(at, flow);
    out.set(intent, flow);
  }
  return out;
}
