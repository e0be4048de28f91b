// Reading a pack's data file (YAML, or JSON which YAML also reads) with errors that name the file
// and line, and small field readers whose problems name the entry and key, never the value.
import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { SwitchboardError } from '@switchboard/runtime';

export function readDataFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SwitchboardError('CONFIG_INVALID', `${path}: cannot be read`);
  }
  try {
    return parse(text) as unknown;
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw new SwitchboardError('CONFIG_INVALID', `${path}: not valid YAML or JSON${line}`);
  }
}

export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The list under `key` of a data file's top-level mapping; problems name the file. */
export function listIn(data: unknown, key: string, file: string, problems: string[]): readonly unknown[] {
  if (!isFields(data) || !Array.isArray(data[key])) {
    problems.push(`${file}: must be a mapping with a list "${key}"`);
    return [];
  }
  return data[key] as unknown[];
}

/**
 * A string field (numbers are accepted and written as strings: YAML reads `pin: 4321` as a
 * number). Returns undefined and records a problem when required and missing or mistyped.
 */
export function stringField(entry: Fields, key: string, path: string, problems: string[], pattern?: { re: RegExp; rule: string }): string | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push(`${path}.${key}: must be a non-empty string`);
    return undefined;
  }
  if (pattern && !pattern.re.test(text)) {
    problems.push(`${path}.${key}: ${pattern.rule}`);
    return undefined;
  }
  return text.trim();
}

export function requiredString(entry: Fields, key: string, path: string, problems: string[], pattern?: { re: RegExp; rule: string }): string {
  const value = stringField(entry, key, path, problems, pattern);
  if (value === undefined && (entry[key] === undefined || entry[key] === null)) problems.push(`${path}.${key}: required`);
  return value ?? '';
}

export function throwIfProblems(problems: readonly string[], what: string): void {
  if (problems.length > 0) throw new SwitchboardError('CONFIG_INVALID', `invalid ${what}: ${problems.join('; ')}`);
}

export const DATE_RULE = { re: /^\d{4}-\d{2}-\d{2}$/, rule: 'must be a date YYYY-MM-DD' };
