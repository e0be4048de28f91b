// The `settings:`, `system_prompts:` and `emotion:` sections.
import { need, readBool, readMap, readName, readNameList, readNumber, readText, type Problems, type YamlMap, type YamlPath } from './reader';
import type { Refs } from './refs';
import type { EmotionPolicy, EmotionThresholds, PackSettings, SystemPrompts } from './types';

const SETTINGS_KEYS = [
  'default_language', 'handoff_queue', 'max_misses', 'min_confidence', 'result_timeout_ms',
  'follow_caller_language', 'affirm_intent', 'deny_intent', 'goodbye_intent', 'out_of_scope_intents',
];

export function readSettings(p: Problems, value: unknown, languages: readonly string[]): PackSettings | undefined {
  const at: YamlPath = ['settings'];
  const map = readMap(p, value, at, SETTINGS_KEYS);
  if (map === undefined) return undefined;
  const defaultLanguage = readName(p, need(p, map, 'default_language', at), [...at, 'default_language']);
  if (defaultLanguage !== undefined && languages.length > 0 && !languages.includes(defaultLanguage)) {
    p.add([...at, 'default_language'], `"${defaultLanguage}" is not one of the pack's languages (${languages.join(', ')})`);
  }
  const settings: Partial<PackSettings> = {
    defaultLanguage,
    handoffQueue: readText(p, need(p, map, 'handoff_queue', at), [...at, 'handoff_queue']),
    maxMisses: optional(map, 'max_misses', 3, (v) => readNumber(p, v, [...at, 'max_misses'], { min: 1, max: 10, integer: true })),
    minConfidence: optional(map, 'min_confidence', 0.5, (v) => readNumber(p, v, [...at, 'min_confidence'], { min: 0, max: 1 })),
    resultTimeoutMs: optional(map, 'result_timeout_ms', 8000, (v) => readNumber(p, v, [...at, 'result_timeout_ms'], { min: 100, max: 120_000, integer: true })),
    followCallerLanguage: optional(map, 'follow_caller_language', true, (v) => readBool(p, v, [...at, 'follow_caller_language'])),
    affirmIntent: optional(map, 'affirm_intent', 'affirm', (v) => readName(p, v, [...at, 'affirm_intent'])),
    denyIntent: optional(map, 'deny_intent', 'deny', (v) => readName(p, v, [...at, 'deny_intent'])),
    goodbyeIntent: optional(map, 'goodbye_intent', '', (v) => readName(p, v, [...at, 'goodbye_intent'])),
    outOfScopeIntents: optional(map, 'out_of_scope_intents', new Set(['out_of_scope']), (v) => {
      const names = readNameList(p, v, [...at, 'out_of_scope_intents'], false);
      return names === undefined ? undefined : new Set(names);
    }),
  };
  return complete(settings);
}

export function readSystemPrompts(p: Problems, refs: Refs, value: unknown): SystemPrompts | undefined {
  const at: YamlPath = ['system_prompts'];
  const keys = ['greeting', 'not_understood', 'anything_else', 'how_can_i_help', 'goodbye', 'handoff', 'please_wait'];
  const map = readMap(p, value, at, keys);
  if (map === undefined) return undefined;
  const one = (key: string, required = true): string | undefined => {
    const raw = required ? need(p, map, key, at) : map[key];
    if (raw === undefined) return undefined;
    const name = readName(p, raw, [...at, key]);
    if (name !== undefined) refs.prompt([...at, key], name);
    return name;
  };
  const rawMisses = need(p, map, 'not_understood', at);
  const notUnderstood = rawMisses === undefined ? undefined : readNameList(p, rawMisses, [...at, 'not_understood']);
  notUnderstood?.forEach((name, i) => { refs.prompt([...at, 'not_understood', i], name); });
  const prompts: Partial<SystemPrompts> = {
    greeting: one('greeting'),
    notUnderstood,
    anythingElse: one('anything_else'),
    howCanIHelp: one('how_can_i_help'),
    goodbye: one('goodbye'),
    handoff: one('handoff'),
  };
  const pleaseWait = one('please_wait', false);
  const done = complete(prompts);
  return done === undefined ? undefined : { ...done, pleaseWait };
}

const THRESHOLD_KEYS = ['negative_labels', 'valence_below', 'window', 'handoff_after'];

export function readEmotion(p: Problems, refs: Refs, value: unknown): EmotionPolicy | undefined {
  const at: YamlPath = ['emotion'];
  const map = readMap(p, value, at, ['soothe', 'tenants', ...THRESHOLD_KEYS]);
  if (map === undefined) return undefined;
  const soothePrompt = readName(p, need(p, map, 'soothe', at), [...at, 'soothe']);
  if (soothePrompt !== undefined) refs.prompt([...at, 'soothe'], soothePrompt);
  const base: EmotionThresholds = { negativeLabels: new Set(['angry', 'frustrated']), valenceBelow: -0.5, window: 3, handoffAfter: 2 };
  const defaults = readThresholds(p, map, at, base);
  const tenants = new Map<string, EmotionThresholds>();
  if (map.tenants !== undefined && defaults !== undefined) {
    const tmap = readMap(p, map.tenants, [...at, 'tenants']) ?? {};
    for (const [tenant, body] of Object.entries(tmap)) {
      const tat = [...at, 'tenants', tenant];
      const overrides = readMap(p, body, tat, THRESHOLD_KEYS);
      const t = overrides === undefined ? undefined : readThresholds(p, overrides, tat, defaults);
      if (t !== undefined) tenants.set(tenant, t);
    }
  }
  if (soothePrompt === undefined || defaults === undefined) return undefined;
  return { soothePrompt, defaults, tenants };
}

/** Thresholds from a mapping, each key falling back to `base`. */
function readThresholds(p: Problems, map: YamlMap, at: YamlPath, base: EmotionThresholds): EmotionThresholds | undefined {
  const t: Partial<EmotionThresholds> = {
    negativeLabels: optional(map, 'negative_labels', base.negativeLabels, (v) => {
      const names = readNameList(p, v, [...at, 'negative_labels']);
      return names === undefined ? undefined : new Set(names);
    }),
    valenceBelow: optional(map, 'valence_below', base.valenceBelow, (v) => readNumber(p, v, [...at, 'valence_below'], { min: -1, max: 1 })),
    // The window is kept in the call's state: a small cap keeps checkpoints small.
    window: optional(map, 'window', base.window, (v) => readNumber(p, v, [...at, 'window'], { min: 1, max: 10, integer: true })),
    handoffAfter: optional(map, 'handoff_after', base.handoffAfter, (v) => readNumber(p, v, [...at, 'handoff_after'], { min: 1, max: 10, integer: true })),
  };
  const done = complete(t);
  if (done !== undefined && done.handoffAfter > done.window) {
    p.add([...at, 'handoff_after'], `${done.handoffAfter} negative utterances can never fit in a window of ${done.window}`);
    return undefined;
  }
  return done;
}

function optional<T>(map: YamlMap, key: string, fallback: T, read: (v: unknown) => T | undefined): T | undefined {
  return map[key] === undefined ? fallback : read(map[key]);
}

/** The object when every field was read, else undefined (the problems are already recorded). */
function complete<T extends object>(partial: Partial<T>): T | undefined {
  return Object.values(partial).some((v) => v === undefined) ? undefined : (partial as T);
}
