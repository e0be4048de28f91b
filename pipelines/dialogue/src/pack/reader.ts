// Typed reading of the parsed YAML with every problem collected (not just the first), each tied
// to its YAML path, so whoever edits the pack fixes everything in one round.

export type YamlPath = readonly (string | number)[];

export interface Problem {
  readonly path: YamlPath;
  readonly message: string;
}

export class Problems {
  readonly list: Problem[] = [];

  add(path: YamlPath, message: string): void {
    this.list.push({ path, message });
  }
}

/** `flows.refund.steps[2].on_deny` */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(top level)' : out;
}

const NAME = /^[a-z][a-z0-9_]*$/;
export const NAME_RULE = 'must be a lowercase name such as order_status (a-z, 0-9, _; starting with a letter)';

export type YamlMap = Readonly<Record<string, unknown>>;

function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A mapping; keys outside `allowed` are reported (typos such as `on_fail` must not pass silently). */
export function readMap(p: Problems, value: unknown, path: YamlPath, allowed?: readonly string[]): YamlMap | undefined {
  if (!isMap(value)) {
    p.add(path, 'must be a mapping of keys to values');
    return undefined;
  }
  if (allowed !== undefined) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) p.add([...path, key], `unknown key "${key}"; allowed here: ${allowed.join(', ')}`);
    }
  }
  return value;
}

/** Reports a missing key and returns undefined, or returns the value. */
export function need(p: Problems, map: YamlMap, key: string, path: YamlPath): unknown {
  const value = map[key];
  if (value === undefined || value === null) p.add(path, `"${key}" is missing`);
  return value ?? undefined;
}

export function readText(p: Problems, value: unknown, path: YamlPath): string | undefined {
  if (typeof value !== 'string') {
    p.add(path, typeof value === 'number' || typeof value === 'boolean' ? 'must be text (put it in quotes)' : 'must be text');
    return undefined;
  }
  if (value.trim() === '') {
    p.add(path, 'must not be empty');
    return undefined;
  }
  return value;
}

export function readName(p: Problems, value: unknown, path: YamlPath): string | undefined {
  const text = readText(p, value, path);
  if (text === undefined) return undefined;
  if (!NAME.test(text)) {
    p.add(path, `"${text}" ${NAME_RULE}`);
    return undefined;
  }
  return text;
}

export function isName(key: string): boolean {
  return NAME.test(key);
}

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

export function readNumber(p: Problems, value: unknown, path: YamlPath, rule: NumberRule): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    p.add(path, 'must be a number');
    return undefined;
  }
  if (rule.integer === true && !Number.isInteger(value)) {
    p.add(path, `must be a whole number, not ${value}`);
    return undefined;
  }
  if (value < rule.min || value > rule.max) {
    p.add(path, `must be between ${rule.min} and ${rule.max}, not ${value}`);
    return undefined;
  }
  return value;
}

export function readBool(p: Problems, value: unknown, path: YamlPath): boolean | undefined {
  if (typeof value !== 'boolean') {
    p.add(path, 'must be true or false');
    return undefined;
  }
  return value;
}

/** A list of names; a single name is accepted as a list of one. */
export function readNameList(p: Problems, value: unknown, path: YamlPath, nonEmpty = true): string[] | undefined {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items)) {
    p.add(path, 'must be a list, e.g. [first, second]');
    return undefined;
  }
  if (nonEmpty && items.length === 0) {
    p.add(path, 'must list at least one name');
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  items.forEach((item: unknown, i) => {
    const name = readName(p, item, typeof value === 'string' ? path : [...path, i]);
    if (name === undefined) ok = false;
    else if (out.includes(name)) p.add([...path, i], `"${name}" is listed twice`);
    else out.push(name);
  });
  return ok ? out : undefined;
}
