// The shape and rules of a pack file (see packs/ecommerce/nlu.yaml for a commented example).
import { normaliseText } from '../text/normalise';
import type { IntentDefinition, NluPack, PerLanguage } from './pack-types';
import { isMapping, itemPath, keyPath, mappingAt, onlyKeys, PackInvalidError, Problems, stringAt, stringListAt, type Mapping } from './problems';
import { validateSlots } from './validate-slots';

export const PACK_VERSION = 1;
export const MIN_EXAMPLES_PER_LANGUAGE = 10;
export const MIN_OUT_OF_SCOPE_PER_LANGUAGE = 10;
export const MAX_EXAMPLE_CHARS = 300;
export const RESERVED_INTENT = 'out_of_scope';

const NAME = { pattern: /^[a-z][a-z0-9_]{0,63}$/, description: 'must be lower-case letters, digits and "_", starting with a letter' };
const LANGUAGE = /^[a-z]{2,3}$/;

function languagesAt(value: unknown, problems: Problems): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('languages', value === undefined ? 'required' : 'must be a non-empty list of language codes (en, zh, …)');
    return [];
  }
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'string' || !LANGUAGE.test(item)) problems.add(itemPath('languages', i), 'must be a lower-case language code such as en or zh');
    else if (out.includes(item)) problems.add(itemPath('languages', i), 'listed twice');
    else out.push(item);
  });
  return out;
}

/** One list of texts per pack language, e.g. an intent's examples. */
export function perLanguageLists(value: unknown, path: string, languages: readonly string[], problems: Problems, min: number, noun: string): PerLanguage<string> {
  const map = mappingAt(value, path, problems);
  const out: Record<string, readonly string[]> = {};
  if (map === undefined) return out;
  for (const key of Object.keys(map)) {
    if (!languages.includes(key)) problems.add(keyPath(path, key), `not a pack language (${languages.join(', ')})`);
  }
  for (const language of languages) {
    out[language] = stringListAt(map[language], keyPath(path, language), problems, { min, noun, maxChars: MAX_EXAMPLE_CHARS });
  }
  return out;
}

function intentsAt(value: unknown, languages: readonly string[], problems: Problems): IntentDefinition[] {
  const map = mappingAt(value, 'intents', problems);
  if (map === undefined) return [];
  const names = Object.keys(map);
  if (names.length < 2) problems.add('intents', 'at least 2 intents required');
  const intents: IntentDefinition[] = [];
  for (const name of names) {
    const path = keyPath('intents', name);
    if (stringAt(name, path, problems, NAME) === undefined) continue;
    if (name === RESERVED_INTENT) {
      problems.add(path, `"${RESERVED_INTENT}" is reserved: list such utterances under the top-level out_of_scope key`);
      continue;
    }
    const body: Mapping | undefined = mappingAt(map[name], path, problems);
    if (body === undefined) continue;
    onlyKeys(body, ['description', 'examples'], path, problems);
    const description = body.description === undefined ? '' : (stringAt(body.description, keyPath(path, 'description'), problems) ?? '');
    const examples = perLanguageLists(body.examples, keyPath(path, 'examples'), languages, problems, MIN_EXAMPLES_PER_LANGUAGE, 'examples');
    intents.push({ name, description, examples });
  }
  return intents;
}

/** The same utterance under two labels (or twice under one) teaches the classifier nothing but confusion. */
function reportDuplicates(intents: readonly IntentDefinition[], outOfScope: PerLanguage<string>, problems: Problems): void {
  const firstSeen = new Map<string, string>();
  const visit = (path: string, texts: readonly string[]): void => {
    texts.forEach((text, i) => {
      const key = normaliseText(text);
      const earlier = firstSeen.get(key);
      if (earlier === undefined) firstSeen.set(key, itemPath(path, i));
      else problems.add(itemPath(path, i), `same utterance as ${earlier} (after lower-casing and removing punctuation)`);
    });
  };
  for (const intent of intents) {
    for (const [language, texts] of Object.entries(intent.examples)) visit(`intents.${intent.name}.examples.${language}`, texts);
  }
  for (const [language, texts] of Object.entries(outOfScope)) visit(`out_of_scope.${language}`, texts);
}

/** Validates a parsed pack document; throws PackInvalidError listing every problem. */
export function validatePack(document: unknown, source: string): NluPack {
  const problems = new Problems();
  if (!isMapping(document)) throw new PackInvalidError(source, ['(top level): must be a mapping with version, pack, languages, intents, out_of_scope, slots']);
  onlyKeys(document, ['version', 'pack', 'languages', 'intents', 'out_of_scope', 'slots'], '', problems);
  if (document.version !== PACK_VERSION) problems.add('version', `must be ${PACK_VERSION}`);
  const pack = stringAt(document.pack, 'pack', problems, { pattern: /^[a-z][a-z0-9_-]{0,63}$/, description: 'must be lower-case letters, digits, "-" and "_"' }) ?? '';
  const languages = languagesAt(document.languages, problems);
  const intents = intentsAt(document.intents, languages, problems);
  const outOfScope = perLanguageLists(document.out_of_scope, 'out_of_scope', languages, problems, MIN_OUT_OF_SCOPE_PER_LANGUAGE, 'out-of-scope examples');
  const slots = document.slots === undefined ? [] : validateSlots(document.slots, languages, problems);
  reportDuplicates(intents, outOfScope, problems);
  if (problems.list.length > 0) throw new PackInvalidError(source, problems.list);
  return { pack, languages, intents, outOfScope, slots };
}
