// Loads a pack from YAML: parse, read every section, resolve references, and either return a
// usable Pack or throw one PackError listing every problem with its YAML path and line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { checkReferences } from './check-references';
import { PackError } from './pack-error';
import { formatPath, need, Problems, readMap, readName, readNameList, readNumber, type YamlPath } from './reader';
import { readFlows, readRoutes } from './read-flows';
import { readPrompts } from './read-prompts';
import { readEmotion, readSettings, readSystemPrompts } from './read-settings';
import { Refs } from './refs';
import type { Pack } from './types';

const TOP_KEYS = ['pack', 'version', 'languages', 'settings', 'system_prompts', 'emotion', 'slots', 'intents', 'prompts', 'flows'];

/** `source` names the pack in messages (a file name). */
export function loadPack(yamlText: string, source = 'pack'): Pack {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new PackError(source, doc.errors.map((e) => `YAML syntax: ${e.message.split('\n')[0] ?? e.message}`));
  }
  const p = new Problems();
  const pack = readPack(p, doc.toJS({ maxAliasCount: 100 }) as unknown);
  if (p.list.length > 0 || pack === undefined) {
    const problems = p.list.map(({ path, message }) => `${formatPath(path)}${lineOf(doc, lines, path)}: ${message}`);
    throw new PackError(source, problems.length > 0 ? problems : ['the pack could not be read']);
  }
  return pack;
}

export function loadPackFile(path: string): Pack {
  return loadPack(readFileSync(path, 'utf8'), basename(path));
}

function readPack(p: Problems, root: unknown): Pack | undefined {
  const top = readMap(p, root, [], TOP_KEYS);
  if (top === undefined) return undefined;
  const name = readName(p, need(p, top, 'pack', []), ['pack']);
  const version = readNumber(p, need(p, top, 'version', []), ['version'], { min: 1, max: 1_000_000, integer: true });
  const languages = readLanguages(p, need(p, top, 'languages', []));
  const langs = languages ?? [];
  const refs = new Refs();
  const settings = readSettings(p, need(p, top, 'settings', []), langs);
  const system = readSystemPrompts(p, refs, need(p, top, 'system_prompts', []));
  const emotion = readEmotion(p, refs, need(p, top, 'emotion', []));
  const slots = readNameList(p, need(p, top, 'slots', []), ['slots'], false);
  const routes = readRoutes(p, refs, need(p, top, 'intents', []));
  const prompts = readPrompts(p, need(p, top, 'prompts', []), name ?? 'pack', langs);
  const { flows, stepsAsRead } = readFlows(p, refs, need(p, top, 'flows', []));
  checkReferences(p, refs, {
    stepsAsRead,
    flowNames: new Set(keysOf(top.flows)),
    prompts,
    promptNames: new Set(keysOf(top.prompts)),
    slots: new Set(slots ?? []),
  });
  if (name === undefined || version === undefined || languages === undefined || settings === undefined ||
      system === undefined || emotion === undefined || slots === undefined) return undefined;
  return { name, version, languages, settings, system, emotion, slots: new Set(slots), routes, prompts, flows };
}

function readLanguages(p: Problems, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const langs = readNameList(p, value, ['languages']);
  const bad = langs?.filter((l) => !/^[a-z]{2,3}$/.test(l)) ?? [];
  for (const l of bad) p.add(['languages'], `"${l}" is not a language code such as en or zh`);
  return bad.length === 0 ? langs : undefined;
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}

/** ` (line N)` of the deepest node of the path that exists; empty when none does. */
function lineOf(doc: Document, lines: LineCounter, path: YamlPath): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return ` (line ${lines.linePos(node.range[0]).line})`;
  }
  return '';
}
