// Cross-section checks, run once every section has been read: referenced flows, prompts and
// slots exist, and every `{placeholder}` is something the engine will have when it speaks.
import type { Problems, YamlPath } from './reader';
import type { FlowSite, Refs } from './refs';
import type { Prompt, Step } from './types';

export interface Declared {
  /** Steps of every flow as far as they could be read (undefined where a step is broken). */
  readonly stepsAsRead: ReadonlyMap<string, readonly (Step | undefined)[]>;
  /** Flow names written in the pack, including ones whose own definition had problems. */
  readonly flowNames: ReadonlySet<string>;
  readonly prompts: ReadonlyMap<string, Prompt>;
  readonly promptNames: ReadonlySet<string>;
  readonly slots: ReadonlySet<string>;
}

export function checkReferences(p: Problems, refs: Refs, d: Declared): void {
  for (const { path, flow } of refs.flows) {
    if (!d.flowNames.has(flow)) p.add(path, `unknown flow "${flow}"; flows in this pack: ${list(d.flowNames)}`);
  }
  for (const { path, slot } of refs.slots) {
    if (!d.slots.has(slot)) p.add(path, `unknown slot "${slot}"; declare it under slots: (now ${list(d.slots)})`);
  }
  for (const use of refs.prompts) {
    if (!d.promptNames.has(use.prompt)) {
      p.add(use.path, `unknown prompt "${use.prompt}"; add it under prompts:`);
      continue;
    }
    const prompt = d.prompts.get(use.prompt);
    if (prompt !== undefined) checkVars(p, d, use.path, prompt.vars, use.site, `prompt "${use.prompt}"`);
  }
  for (const use of refs.templates) checkVars(p, d, use.path, use.vars, use.site, 'this text');
  checkOutputNames(p, d);
}

function checkVars(p: Problems, d: Declared, path: YamlPath, vars: readonly string[], site: FlowSite | undefined, what: string): void {
  const outputs = site === undefined ? new Set<string>() : outputsBefore(d, site);
  // After a broken step nobody can tell what it would have provided: that step's problem is enough.
  if (outputs === undefined) return;
  for (const v of vars) {
    if (d.slots.has(v) || outputs.has(v)) continue;
    const where = site === undefined
      ? 'prompts said outside flows may only use slots'
      : `nor an output of an earlier lookup or ticket step in flow "${site.flow}"`;
    p.add(path, `${what} uses {${v}}, which is not a slot (${list(d.slots)}), ${where}`);
  }
}

/** Outputs are flow-local: only lookups and tickets before this step have filled them. */
function outputsBefore(d: Declared, site: FlowSite): Set<string> | undefined {
  const out = new Set<string>();
  for (const step of (d.stepsAsRead.get(site.flow) ?? []).slice(0, site.step)) {
    if (step === undefined) return undefined;
    if (step.kind === 'lookup' || step.kind === 'ticket') for (const o of step.outputs) out.add(o.name);
  }
  return out;
}

// One namespace for placeholders: an output named like a slot would make {name} ambiguous.
function checkOutputNames(p: Problems, d: Declared): void {
  for (const [flow, steps] of d.stepsAsRead) {
    steps.forEach((step, i) => {
      if (step?.kind !== 'lookup' && step?.kind !== 'ticket') return;
      for (const { name } of step.outputs) {
        if (d.slots.has(name)) p.add(['flows', flow, 'steps', i, 'outputs'], `output "${name}" has the name of a slot; rename one of them`);
      }
    });
  }
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? 'none' : all.join(', ');
}
