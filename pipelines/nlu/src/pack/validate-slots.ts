// The `slots` section: each slot has a name and one of the slot types the code knows; the rest
// of its definition (formats, cue words, time zone, catalogue) is data.
import { catalogueKey } from '../slots/catalogue-slot';
import { isKnownTimeZone } from '../slots/wall-clock';
import type { CatalogueEntry, DigitFormat, PerLanguage, SlotDefinition } from './pack-types';
import { SLOT_TYPES } from './pack-types';
import { isMapping, itemPath, keyPath, mappingAt, onlyKeys, stringAt, stringListAt, type Problems } from './problems';

const NAME = { pattern: /^[a-z][a-z0-9_]{0,63}$/, description: 'must be lower-case letters, digits and "_", starting with a letter' };
const MAX_DIGITS = 30;
const MAX_NAME_CHARS = 100;

function digitCount(value: unknown, path: string, problems: Problems): { min: number; max: number } | undefined {
  const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_DIGITS;
  if (isCount(value)) return { min: value, max: value };
  if (isMapping(value) && isCount(value.min) && isCount(value.max) && value.min <= value.max && Object.keys(value).length === 2) return { min: value.min, max: value.max };
  problems.add(path, value === undefined ? 'required' : `must be a number of digits (1 to ${MAX_DIGITS}) or {min: …, max: …} with min ≤ max`);
  return undefined;
}

function languageSubset(value: unknown, path: string, languages: readonly string[], problems: Problems): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string' && languages.includes(l))) {
    problems.add(path, `must be a list of pack languages (${languages.join(', ')})`);
    return [];
  }
  return value;
}

function formatsAt(value: unknown, path: string, languages: readonly string[], problems: Problems): DigitFormat[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, value === undefined ? 'required' : 'must be a non-empty list of formats');
    return [];
  }
  const formats: DigitFormat[] = [];
  value.forEach((item: unknown, i) => {
    const at = itemPath(path, i);
    const map = mappingAt(item, at, problems);
    if (map === undefined) return;
    onlyKeys(map, ['digits', 'starts_with', 'prefix', 'languages'], at, problems);
    const count = digitCount(map.digits, keyPath(at, 'digits'), problems);
    const startsWith = map.starts_with === undefined ? '' : stringAt(map.starts_with, keyPath(at, 'starts_with'), problems, { pattern: /^\d{1,10}$/, description: 'must be digits in quotes, e.g. "1"' });
    const prefix = map.prefix === undefined ? '' : stringAt(map.prefix, keyPath(at, 'prefix'), problems, { pattern: /^[A-Za-z]{1,5}$/, description: 'must be 1 to 5 Latin letters' });
    const formatLanguages = languageSubset(map.languages, keyPath(at, 'languages'), languages, problems);
    if (count && startsWith !== undefined && startsWith.length > count.max) problems.add(keyPath(at, 'starts_with'), 'is longer than the number of digits');
    if (count && startsWith !== undefined && prefix !== undefined) formats.push({ minDigits: count.min, maxDigits: count.max, startsWith, prefix, languages: formatLanguages });
  });
  return formats;
}

function optionalLists(value: unknown, path: string, languages: readonly string[], problems: Problems, noun: string): PerLanguage<string> {
  const out: Record<string, readonly string[]> = {};
  if (value === undefined) return out;
  const map = mappingAt(value, path, problems);
  if (map === undefined) return out;
  for (const key of Object.keys(map)) {
    if (!languages.includes(key)) problems.add(keyPath(path, key), `not a pack language (${languages.join(', ')})`);
    else out[key] = stringListAt(map[key], keyPath(path, key), problems, { min: 1, noun, maxChars: MAX_NAME_CHARS });
  }
  return out;
}

function entriesAt(value: unknown, path: string, languages: readonly string[], problems: Problems): CatalogueEntry[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, value === undefined ? 'required' : 'must be a non-empty list of entries');
    return [];
  }
  const entries: CatalogueEntry[] = [];
  const owner = new Map<string, string>(); // match key → path of the entry that has it
  value.forEach((item: unknown, i) => {
    const at = itemPath(path, i);
    const map = mappingAt(item, at, problems);
    if (map === undefined) return;
    onlyKeys(map, ['value', 'aliases'], at, problems);
    const entryValue = stringAt(map.value, keyPath(at, 'value'), problems);
    const aliases = optionalLists(map.aliases, keyPath(at, 'aliases'), languages, problems, 'alias');
    if (entryValue === undefined) return;
    const names: [string, string][] = [[keyPath(at, 'value'), entryValue]];
    for (const [language, list] of Object.entries(aliases)) list.forEach((a, j) => names.push([itemPath(keyPath(at, `aliases.${language}`), j), a]));
    for (const [namePath, name] of names) {
      const key = catalogueKey(name);
      const other = owner.get(key);
      if (key === '') problems.add(namePath, 'has no letters or digits');
      else if (other !== undefined && other !== at) problems.add(namePath, `same name as ${other} (a caller saying it could mean either)`);
      else owner.set(key, at);
    }
    entries.push({ value: entryValue, aliases });
  });
  return entries;
}

function slotAt(name: string, value: unknown, languages: readonly string[], problems: Problems): SlotDefinition | undefined {
  const path = keyPath('slots', name);
  if (stringAt(name, path, problems, NAME) === undefined) return undefined;
  const body = mappingAt(value, path, problems);
  if (body === undefined) return undefined;
  const type = stringAt(body.type, keyPath(path, 'type'), problems);
  switch (type) {
    case 'digits': {
      onlyKeys(body, ['type', 'formats', 'cues'], path, problems);
      const formats = formatsAt(body.formats, keyPath(path, 'formats'), languages, problems);
      return { type, name, formats, cues: optionalLists(body.cues, keyPath(path, 'cues'), languages, problems, 'cue') };
    }
    case 'date_time': {
      onlyKeys(body, ['type', 'time_zone'], path, problems);
      const timeZone = stringAt(body.time_zone, keyPath(path, 'time_zone'), problems);
      if (timeZone !== undefined && !isKnownTimeZone(timeZone)) problems.add(keyPath(path, 'time_zone'), 'must be an IANA time zone such as Asia/Shanghai or Europe/London');
      return timeZone === undefined ? undefined : { type, name, timeZone };
    }
    case 'catalogue': {
      onlyKeys(body, ['type', 'entries'], path, problems);
      return { type, name, entries: entriesAt(body.entries, keyPath(path, 'entries'), languages, problems) };
    }
    case undefined: return undefined;
    default:
      problems.add(keyPath(path, 'type'), `must be one of ${SLOT_TYPES.join(', ')}`);
      return undefined;
  }
}

export function validateSlots(value: unknown, languages: readonly string[], problems: Problems): SlotDefinition[] {
  const map = mappingAt(value, 'slots', problems);
  if (map === undefined) return [];
  return Object.keys(map).flatMap((name) => slotAt(name, map[name], languages, problems) ?? []);
}
