// Validation collects every problem with the YAML path it is at, so staff editing a pack see
// all mistakes at once: "intents.refund_request.examples.zh: at least 10 examples required".
// Messages name the place and the rule, never the value (examples are things people say).
import { SwitchboardError } from '@switchboard/runtime';

export class PackInvalidError extends SwitchboardError {
  constructor(readonly source: string, readonly problems: readonly string[]) {
    super('CONFIG_INVALID', `invalid knowledge pack ${source}: ${problems.join('; ')}`);
    this.name = 'PackInvalidError';
  }
}

export class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(`${path === '' ? '(top level)' : path}: ${message}`);
  }
}

export const keyPath = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);
export const itemPath = (path: string, index: number): string => `${path}[${index}]`;

export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at path, or undefined (and a problem) when it is something else. */
export function mappingAt(value: unknown, path: string, problems: Problems): Mapping | undefined {
  if (isMapping(value)) return value;
  problems.add(path, value === undefined ? 'required' : 'must be a mapping (key: value lines)');
  return undefined;
}

/** Reports keys other than the allowed ones (typos such as "exmples"). */
export function onlyKeys(map: Mapping, allowed: readonly string[], path: string, problems: Problems): void {
  for (const key of Object.keys(map)) {
    if (!allowed.includes(key)) problems.add(keyPath(path, key), `unknown key (expected ${allowed.join(', ')})`);
  }
}

export function stringAt(value: unknown, path: string, problems: Problems, rule?: { pattern: RegExp; description: string }): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, value === undefined ? 'required' : 'must be a non-empty text');
    return undefined;
  }
  if (rule && !rule.pattern.test(value)) {
    problems.add(path, rule.description);
    return undefined;
  }
  return value;
}

export interface ListRule {
  readonly min: number;
  /** What one item is called in the "at least N … required" message. */
  readonly noun: string;
  readonly maxChars: number;
}

/** A list of texts; items that are not texts are reported (e.g. a bare number: quote it). */
export function stringListAt(value: unknown, path: string, problems: Problems, rule: ListRule): string[] {
  if (!Array.isArray(value)) {
    problems.add(path, value === undefined ? 'required' : 'must be a list ("- " lines)');
    return [];
  }
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || item.trim() === '') problems.add(itemPath(path, i), 'must be a non-empty text (put numbers, true/false and null in quotes)');
    else if (item.length > rule.maxChars) problems.add(itemPath(path, i), `too long (at most ${rule.maxChars} characters)`);
    else out.push(item);
  });
  if (value.length < rule.min) problems.add(path, `at least ${rule.min} ${rule.noun} required`);
  return out;
}
