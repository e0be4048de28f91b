// One step of a flow. A step is a mapping with exactly one kind key (say, ask, confirm, lookup,
// ticket, handoff) and the options of that kind.
import { isName, need, NAME_RULE, readMap, readName, readNameList, readText, type Problems, type YamlMap, type YamlPath } from './reader';
import type { FlowSite, Refs } from './refs';
import { parseTemplate } from './template';
import type { FailureTargets, OutputField, Step, Target, Template } from './types';

const KINDS = ['say', 'ask', 'confirm', 'lookup', 'ticket', 'handoff'] as const;
type Kind = (typeof KINDS)[number];

const OPTIONS: Readonly<Record<Kind, readonly string[]>> = {
  say: [],
  ask: ['prompts', 'values', 'otherwise', 'on_exhausted'],
  confirm: ['on_deny', 'on_exhausted'],
  lookup: ['outputs', 'on_failure'],
  ticket: ['outputs', 'on_failure'],
  handoff: ['queue', 'prompt'],
};

/** Branch targets that are not flow names. */
export const RESERVED_TARGETS: readonly string[] = ['end', 'handoff'];

interface StepReader {
  readonly p: Problems;
  readonly refs: Refs;
  readonly at: YamlPath;
  readonly site: FlowSite;
}

export function readStep(p: Problems, refs: Refs, value: unknown, at: YamlPath, site: FlowSite): Step | undefined {
  const map = readMap(p, value, at);
  if (map === undefined) return undefined;
  const kinds = KINDS.filter((k) => k in map);
  if (kinds.length !== 1) {
    p.add(at, kinds.length === 0
      ? `a step needs one of: ${KINDS.join(', ')}`
      : `a step has exactly one of ${KINDS.join(', ')}; this one has ${kinds.join(' and ')}`);
    return undefined;
  }
  const kind = kinds[0]!;
  readMap(p, map, at, [kind, ...OPTIONS[kind]]);
  const r: StepReader = { p, refs, at, site };
  switch (kind) {
    case 'say': {
      const prompts = promptList(r, map.say, 'say');
      return prompts === undefined ? undefined : { kind, prompts };
    }
    case 'ask': return readAsk(r, map);
    case 'confirm': return readConfirm(r, map);
    case 'lookup': return readLookup(r, map);
    case 'ticket': return readTicket(r, map);
    case 'handoff': return readHandoff(r, map);
  }
}

function readAsk(r: StepReader, map: YamlMap): Step | undefined {
  const slot = readName(r.p, map.ask, [...r.at, 'ask']);
  if (slot !== undefined) r.refs.slot([...r.at, 'ask'], slot);
  const prompts = promptList(r, need(r.p, map, 'prompts', r.at), 'prompts');
  const values = new Map<string, string>();
  if (map.values !== undefined) {
    const vmap = readMap(r.p, map.values, [...r.at, 'values']) ?? {};
    for (const [intent, v] of Object.entries(vmap)) {
      const vp = [...r.at, 'values', intent];
      if (!isName(intent)) r.p.add(vp, `intent name "${intent}" ${NAME_RULE}`);
      const text = readText(r.p, v, vp);
      if (text !== undefined) values.set(intent, text);
    }
  }
  const otherwise = map.otherwise === undefined ? undefined : readText(r.p, map.otherwise, [...r.at, 'otherwise']);
  const onExhausted = target(r, map.on_exhausted, [...r.at, 'on_exhausted']);
  if (slot === undefined || prompts === undefined || onExhausted === undefined) return undefined;
  return { kind: 'ask', slot, prompts, values, otherwise, onExhausted };
}

function readConfirm(r: StepReader, map: YamlMap): Step | undefined {
  const prompts = promptList(r, map.confirm, 'confirm');
  const onDeny = need(r.p, map, 'on_deny', r.at) === undefined ? undefined : target(r, map.on_deny, [...r.at, 'on_deny']);
  const onExhausted = target(r, map.on_exhausted, [...r.at, 'on_exhausted']);
  if (prompts === undefined || onDeny === undefined || onExhausted === undefined) return undefined;
  return { kind: 'confirm', prompts, onDeny, onExhausted };
}

function readLookup(r: StepReader, map: YamlMap): Step | undefined {
  const at = [...r.at, 'lookup'];
  const spec = readMap(r.p, map.lookup, at, ['connector', 'operation', 'params']);
  if (spec === undefined) return undefined;
  const connector = readText(r.p, need(r.p, spec, 'connector', at), [...at, 'connector']);
  const operation = readText(r.p, need(r.p, spec, 'operation', at), [...at, 'operation']);
  const params = templateMap(r, spec.params, [...at, 'params']);
  const outputs = outputList(r, map);
  const onFailure = failureTargets(r, map);
  if (connector === undefined || operation === undefined || params === undefined || outputs === undefined || onFailure === undefined) return undefined;
  return { kind: 'lookup', connector, operation, params, outputs, onFailure };
}

function readTicket(r: StepReader, map: YamlMap): Step | undefined {
  const at = [...r.at, 'ticket'];
  const spec = readMap(r.p, map.ticket, at, ['subject', 'body', 'priority', 'fields']);
  if (spec === undefined) return undefined;
  const subject = template(r, need(r.p, spec, 'subject', at), [...at, 'subject']);
  const body = template(r, need(r.p, spec, 'body', at), [...at, 'body']);
  const priority = spec.priority === undefined ? 'normal' : readText(r.p, spec.priority, [...at, 'priority']);
  const fields = templateMap(r, spec.fields, [...at, 'fields']);
  const outputs = outputList(r, map);
  const onFailure = failureTargets(r, map);
  if (subject === undefined || body === undefined || priority === undefined || fields === undefined || outputs === undefined || onFailure === undefined) return undefined;
  return { kind: 'ticket', subject, body, priority, fields, outputs, onFailure };
}

function readHandoff(r: StepReader, map: YamlMap): Step | undefined {
  const reason = readName(r.p, map.handoff, [...r.at, 'handoff']);
  const queue = map.queue === undefined ? undefined : readText(r.p, map.queue, [...r.at, 'queue']);
  const prompt = map.prompt === undefined ? undefined : promptRef(r, map.prompt, 'prompt');
  if (reason === undefined || (map.queue !== undefined && queue === undefined) || (map.prompt !== undefined && prompt === undefined)) return undefined;
  return { kind: 'handoff', reason, queue, prompt };
}

function promptRef(r: StepReader, value: unknown, key: string): string | undefined {
  const name = readName(r.p, value, [...r.at, key]);
  if (name !== undefined) r.refs.prompt([...r.at, key], name, r.site);
  return name;
}

function promptList(r: StepReader, value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  const names = readNameList(r.p, value, [...r.at, key]);
  names?.forEach((name, i) => { r.refs.prompt(typeof value === 'string' ? [...r.at, key] : [...r.at, key, i], name, r.site); });
  return names;
}

/** `outputs: [status, eta?]`: a trailing ? marks a field the result may lack. */
function outputList(r: StepReader, map: YamlMap): OutputField[] | undefined {
  if (map.outputs === undefined) return [];
  const at = [...r.at, 'outputs'];
  if (!Array.isArray(map.outputs)) {
    r.p.add(at, 'must be a list, e.g. [status, eta?]');
    return undefined;
  }
  const out: OutputField[] = [];
  let ok = true;
  map.outputs.forEach((raw: unknown, i) => {
    const optional = typeof raw === 'string' && raw.endsWith('?');
    const name = readName(r.p, optional ? raw.slice(0, -1) : raw, [...at, i]);
    if (name === undefined) ok = false;
    else if (out.some((o) => o.name === name)) {
      r.p.add([...at, i], `"${name}" is listed twice`);
      ok = false;
    } else out.push({ name, required: !optional });
  });
  return ok ? out : undefined;
}

/** `on_failure: lookup_failed`, or by failure reason: `{ not_found: order_not_found, other: lookup_failed }`. */
function failureTargets(r: StepReader, map: YamlMap): FailureTargets | undefined {
  const value = map.on_failure;
  const at = [...r.at, 'on_failure'];
  if (value === undefined || typeof value === 'string') {
    const other = target(r, value, at);
    return other === undefined ? undefined : { byReason: new Map(), other };
  }
  const reasons = readMap(r.p, value, at);
  if (reasons === undefined) return undefined;
  const byReason = new Map<string, Target>();
  let ok = true;
  for (const [reason, v] of Object.entries(reasons)) {
    if (!isName(reason)) r.p.add([...at, reason], `failure reason "${reason}" ${NAME_RULE}`);
    const t = target(r, v, [...at, reason]);
    if (t === undefined) ok = false;
    else if (reason !== 'other') byReason.set(reason, t);
  }
  const other = target(r, reasons.other, [...at, 'other']);
  return ok && other !== undefined ? { byReason, other } : undefined;
}

/** `end`, `handoff` or a flow name; absent means hand off (the safe default for a stuck caller). */
function target(r: StepReader, value: unknown, at: YamlPath): Target | undefined {
  if (value === undefined) return { kind: 'handoff' };
  const name = readName(r.p, value, at);
  if (name === undefined) return undefined;
  if (name === 'end') return { kind: 'end' };
  if (name === 'handoff') return { kind: 'handoff' };
  r.refs.flow(at, name);
  return { kind: 'flow', flow: name };
}

function template(r: StepReader, value: unknown, at: YamlPath): Template | undefined {
  if (value === undefined) return undefined;
  const text = readText(r.p, value, at);
  if (text === undefined) return undefined;
  const parsed = parseTemplate(text);
  if ('error' in parsed) {
    r.p.add(at, parsed.error);
    return undefined;
  }
  r.refs.template(at, parsed.vars, r.site);
  return parsed.parts;
}

function templateMap(r: StepReader, value: unknown, at: YamlPath): Map<string, Template> | undefined {
  const out = new Map<string, Template>();
  if (value === undefined) return out;
  const map = readMap(r.p, value, at);
  if (map === undefined) return undefined;
  let ok = true;
  for (const [key, v] of Object.entries(map)) {
    const t = template(r, v, [...at, key]);
    if (t === undefined) ok = false;
    else out.set(key, t);
  }
  return ok ? out : undefined;
}
