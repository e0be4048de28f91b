// One call's dialogue state: plain JSON, small and versioned, because the runtime checkpoints
// it and a restarted processor resumes the call from it. It holds names and positions, never
// the pack itself (the pack may be reloaded; see `step` for how a vanished flow is handled).

export const DIALOGUE_STATE_VERSION = 1;

export const DIALOGUE_MODES = ['new', 'listening', 'flow', 'anything_else', 'handed_off', 'ended'] as const;
/**
 * new: nothing seen yet; listening: waiting for what the caller wants; flow: inside a flow at
 * `step`; anything_else: a flow finished, asked whether there is more; handed_off and ended are
 * final (later intents are ignored).
 */
export type DialogueMode = (typeof DIALOGUE_MODES)[number];

/** One recent utterance's emotion, for the sliding window of the emotion policy. */
export interface Mood {
  readonly utterance: string;
  readonly negative: boolean;
}

export interface DialogueState {
  readonly v: typeof DIALOGUE_STATE_VERSION;
  mode: DialogueMode;
  /** Language of the call's prompts; '' until known. */
  lang: string;
  /** Current flow in mode `flow`, else the last flow run ('' if none). */
  flow: string;
  step: number;
  /** Failed attempts at the current ask/confirm step. */
  tries: number;
  /** Action id of the connector action being awaited ('' if none). */
  pending: string;
  pendingSinceMs: number;
  /** Consecutive caller turns that made no progress. */
  misses: number;
  /** PII: slot values given by the caller. */
  slots: Record<string, string>;
  /** PII-capable: connector outputs of the current flow (only the fields the pack declares). */
  outputs: Record<string, string>;
  /** Distinct requests understood so far (capped), for the hand-off summary. */
  intents: string[];
  /** Distinct flows run so far, in order (capped), for the hand-off summary. */
  flows: string[];
  moods: Mood[];
  soothed: boolean;
  /** Utterance of the last intent handled: a re-sent intent for it is not answered twice. */
  lastUtterance: string;
}

/** Intents and flows remembered for the summary: enough for a call, bounded for the checkpoint. */
export const MAX_HISTORY_KEPT = 8;

export function initialDialogueState(): DialogueState {
  return {
    v: DIALOGUE_STATE_VERSION, mode: 'new', lang: '', flow: '', step: 0, tries: 0, pending: '', pendingSinceMs: 0,
    misses: 0, slots: {}, outputs: {}, intents: [], flows: [], moods: [], soothed: false, lastUtterance: '',
  };
}

/**
 * Rebuilds a state read back from a checkpoint (JSON). Throws, naming the field but never its
 * value, on any shape it cannot trust; the runtime then starts the conversation afresh.
 */
export function restoreDialogueState(saved: unknown): DialogueState {
  const o = asRecord(saved, 'state');
  if (o.v !== DIALOGUE_STATE_VERSION) throw new Error(`dialogue state version is not ${DIALOGUE_STATE_VERSION}`);
  const mode = o.mode;
  if (typeof mode !== 'string' || !(DIALOGUE_MODES as readonly string[]).includes(mode)) throw new Error('dialogue state field mode is invalid');
  return {
    v: DIALOGUE_STATE_VERSION,
    mode: mode as DialogueMode,
    lang: str(o, 'lang'),
    flow: str(o, 'flow'),
    step: count(o, 'step'),
    tries: count(o, 'tries'),
    pending: str(o, 'pending'),
    pendingSinceMs: count(o, 'pendingSinceMs'),
    misses: count(o, 'misses'),
    slots: strings(o, 'slots'),
    outputs: strings(o, 'outputs'),
    intents: list(o, 'intents', (x) => (typeof x === 'string' ? x : undefined)),
    flows: list(o, 'flows', (x) => (typeof x === 'string' ? x : undefined)),
    moods: list(o, 'moods', (x) => {
      if (typeof x !== 'object' || x === null) return undefined;
      const m = x as Record<string, unknown>;
      return typeof m.utterance === 'string' && typeof m.negative === 'boolean' ? { utterance: m.utterance, negative: m.negative } : undefined;
    }),
    soothed: bool(o, 'soothed'),
    lastUtterance: str(o, 'lastUtterance'),
  };
}

function asRecord(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`dialogue state field ${field} is not an object`);
  return value as Record<string, unknown>;
}

function str(o: Record<string, unknown>, field: string): string {
  const v = o[field];
  if (typeof v !== 'string') throw new Error(`dialogue state field ${field} is not a string`);
  return v;
}

function count(o: Record<string, unknown>, field: string): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new Error(`dialogue state field ${field} is not a count`);
  return v;
}

function bool(o: Record<string, unknown>, field: string): boolean {
  const v = o[field];
  if (typeof v !== 'boolean') throw new Error(`dialogue state field ${field} is not a boolean`);
  return v;
}

function strings(o: Record<string, unknown>, field: string): Record<string, string> {
  const rec = asRecord(o[field], field);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) {
    // Keys are pack names; anything else (such as __proto__) is not a state this engine wrote.
    if (!/^[a-z][a-z0-9_]*$/.test(k)) throw new Error(`dialogue state field ${field} holds an invalid key`);
    if (typeof v !== 'string') throw new Error(`dialogue state field ${field} holds a non-string`);
    out[k] = v;
  }
  return out;
}

function list<T>(o: Record<string, unknown>, field: string, item: (x: unknown) => T | undefined): T[] {
  const v = o[field];
  if (!Array.isArray(v)) throw new Error(`dialogue state field ${field} is not a list`);
  return v.map((x: unknown) => {
    const t = item(x);
    if (t === undefined) throw new Error(`dialogue state field ${field} holds an invalid item`);
    return t;
  });
}
