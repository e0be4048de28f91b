// The `prompts:` section: every prompt has a text per pack language and may set barge_in.
import { createHash } from 'node:crypto';
import { isName, NAME_RULE, readBool, readMap, readText, type Problems, type YamlPath } from './reader';
import { parseTemplate } from './template';
import type { Prompt, PromptText } from './types';

export function readPrompts(p: Problems, value: unknown, packName: string, languages: readonly string[]): Map<string, Prompt> {
  const path: YamlPath = ['prompts'];
  const out = new Map<string, Prompt>();
  const map = readMap(p, value, path);
  if (map === undefined) return out;
  for (const [id, body] of Object.entries(map)) {
    const at = [...path, id];
    if (!isName(id)) {
      p.add(at, `prompt id "${id}" ${NAME_RULE}`);
      continue;
    }
    const prompt = readPrompt(p, body, at, id, packName, languages);
    if (prompt !== undefined) out.set(id, prompt);
  }
  return out;
}

function readPrompt(p: Problems, value: unknown, at: YamlPath, id: string, packName: string, languages: readonly string[]): Prompt | undefined {
  const map = readMap(p, value, at, [...languages, 'barge_in']);
  if (map === undefined) return undefined;
  const texts = new Map<string, PromptText>();
  const vars: string[] = [];
  for (const lang of languages) {
    const raw = map[lang];
    if (raw === undefined || raw === null) {
      p.add(at, `has no "${lang}" text (every prompt needs one per pack language: ${languages.join(', ')})`);
      continue;
    }
    const text = readText(p, raw, [...at, lang]);
    if (text === undefined) continue;
    const parsed = parseTemplate(text);
    if ('error' in parsed) {
      p.add([...at, lang], parsed.error);
      continue;
    }
    for (const v of parsed.vars) if (!vars.includes(v)) vars.push(v);
    texts.set(lang, { parts: parsed.parts, vars: parsed.vars, cacheId: parsed.vars.length === 0 ? cacheId(packName, id, lang, text) : '' });
  }
  const bargeIn = map.barge_in === undefined ? true : readBool(p, map.barge_in, [...at, 'barge_in']);
  if (texts.size !== languages.length || bargeIn === undefined) return undefined;
  return { id, vars, bargeIn, texts };
}

// The text's hash is part of the key: an edited prompt gets new audio, never the cached old one.
function cacheId(packName: string, id: string, lang: string, text: string): string {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `${packName}/${id}/${lang}/${hash}`;
}
