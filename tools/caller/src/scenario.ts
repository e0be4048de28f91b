// Scenario files: simulated calls written as data (YAML), the way a trainer would script a test
// call: who calls, in which language and voice, what they say turn by turn, and what should come
// of it. Validated in full on load; every problem names its place (`calls[2].turns[0]`).
//
//   calls:
//     - name: Order status
//       language: en              # en | zh
//       voice: calm               # calm (default) | angry: louder, faster, higher
//       turns:
//         - Hi, where is my order?
//         - say: It is two zero two six zero two three one.
//         - say: No, stop, that is wrong.    # spoken over the bot's reply
//           over_bot: true
//         - dtmf: "1234#"
//       expect: { intent: order_status, handoff: false }
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

export const CALLER_LANGUAGES = ['en', 'zh'] as const;
export type CallerLanguage = (typeof CALLER_LANGUAGES)[number];
export const VOICES = ['calm', 'angry'] as const;
export type Voice = (typeof VOICES)[number];

export type Turn =
  | { readonly kind: 'say'; readonly text: string; readonly overBot: boolean }
  | { readonly kind: 'dtmf'; readonly digits: string };

export interface Expectation {
  /** The first request the NLU should recognise. */
  readonly intent?: string;
  /** Whether the call should end with a person. */
  readonly handoff?: boolean;
}

export interface ScenarioCall {
  readonly name: string;
  readonly language: CallerLanguage;
  readonly voice: Voice;
  readonly tenant: string;
  readonly turns: readonly Turn[];
  readonly expect: Expectation;
}

export class ScenarioError extends Error {
  constructor(readonly source: string, readonly problems: readonly string[]) {
    super(`scenario ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

const DTMF = /^[0-9*#A-D]{1,32}$/;
const TENANT = /^[a-z0-9-]{1,64}$/;
const MAX_TEXT_CHARS = 400;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(o: Obj, allowed: readonly string[], at: string, problems: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) problems.push(`${at}.${k}: unknown key (allowed: ${allowed.join(', ')})`);
}

function readTurn(raw: unknown, at: string, problems: string[]): Turn | undefined {
  if (typeof raw === 'string') raw = { say: raw };
  if (!isObj(raw)) {
    problems.push(`${at}: a turn is a sentence, or { say: …, over_bot: true }, or { dtmf: "…" }`);
    return undefined;
  }
  unknownKeys(raw, ['say', 'over_bot', 'dtmf'], at, problems);
  if (raw.dtmf !== undefined) {
    if (raw.say !== undefined) problems.push(`${at}: a turn either says something or presses keys, not both`);
    if (typeof raw.dtmf !== 'string' || !DTMF.test(raw.dtmf)) problems.push(`${at}.dtmf: 1 to 32 keys of 0-9 * # A-D, in quotes`);
    else return { kind: 'dtmf', digits: raw.dtmf };
    return undefined;
  }
  const text = raw.say;
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT_CHARS) {
    problems.push(`${at}.say: a sentence of 1 to ${MAX_TEXT_CHARS} characters`);
    return undefined;
  }
  if (raw.over_bot !== undefined && typeof raw.over_bot !== 'boolean') problems.push(`${at}.over_bot: true or false`);
  return { kind: 'say', text: text.trim(), overBot: raw.over_bot === true };
}

function readCall(raw: unknown, at: string, problems: string[]): ScenarioCall | undefined {
  if (!isObj(raw)) {
    problems.push(`${at}: a call is a map with name, language and turns`);
    return undefined;
  }
  unknownKeys(raw, ['name', 'language', 'voice', 'tenant', 'turns', 'expect'], at, problems);
  const before = problems.length;
  const name = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : undefined;
  if (name === undefined) problems.push(`${at}.name: required, a short title`);
  const language = (CALLER_LANGUAGES as readonly unknown[]).includes(raw.language) ? (raw.language as CallerLanguage) : undefined;
  if (language === undefined) problems.push(`${at}.language: one of ${CALLER_LANGUAGES.join(', ')}`);
  const voice = raw.voice === undefined ? 'calm' : (VOICES as readonly unknown[]).includes(raw.voice) ? (raw.voice as Voice) : undefined;
  if (voice === undefined) problems.push(`${at}.voice: one of ${VOICES.join(', ')}`);
  const tenant = raw.tenant === undefined ? 'demo-shop' : typeof raw.tenant === 'string' && TENANT.test(raw.tenant) ? raw.tenant : undefined;
  if (tenant === undefined) problems.push(`${at}.tenant: lower-case letters, digits and "-" (1 to 64)`);
  const turns: Turn[] = [];
  if (!Array.isArray(raw.turns) || raw.turns.length === 0) problems.push(`${at}.turns: a list of at least one turn`);
  else raw.turns.forEach((t, i) => { const turn = readTurn(t, `${at}.turns[${i}]`, problems); if (turn) turns.push(turn); });
  const expect: { intent?: string; handoff?: boolean } = {};
  if (raw.expect !== undefined) {
    if (!isObj(raw.expect)) problems.push(`${at}.expect: a map with intent and/or handoff`);
    else {
      unknownKeys(raw.expect, ['intent', 'handoff'], `${at}.expect`, problems);
      if (raw.expect.intent !== undefined) {
        if (typeof raw.expect.intent === 'string' && /^[a-z0-9_]{1,64}$/.test(raw.expect.intent)) expect.intent = raw.expect.intent;
        else problems.push(`${at}.expect.intent: an intent name of the pack`);
      }
      if (raw.expect.handoff !== undefined) {
        if (typeof raw.expect.handoff === 'boolean') expect.handoff = raw.expect.handoff;
        else problems.push(`${at}.expect.handoff: true or false`);
      }
    }
  }
  if (problems.length > before || name === undefined || language === undefined || voice === undefined || tenant === undefined) return undefined;
  return { name, language, voice, tenant, turns, expect };
}

/** Parses scenario YAML; `source` names it in errors (a path). */
export function parseScenario(yamlText: string, source = 'inline'): ScenarioCall[] {
  const doc = parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(source, doc.errors.map((e) => {
      const at = e.linePos?.[0];
      return `${at ? `line ${at.line}, column ${at.col}` : 'YAML'}: not valid YAML (${e.code})`;
    }));
  }
  const root: unknown = doc.toJS();
  const problems: string[] = [];
  if (!isObj(root) || !Array.isArray(root.calls) || root.calls.length === 0) throw new ScenarioError(source, ['calls: a list of at least one call']);
  unknownKeys(root, ['calls'], '', problems);
  const calls = root.calls.map((c, i) => readCall(c, `calls[${i}]`, problems));
  if (problems.length > 0) throw new ScenarioError(source, problems.map((p) => p.replace(/^\./, '')));
  return calls.filter((c): c is ScenarioCall => c !== undefined);
}

export function loadScenario(path: string): ScenarioCall[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new ScenarioError(path, [`cannot read the file (${code})`]);
  }
  return parseScenario(text, path);
}
