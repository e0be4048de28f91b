// Flattens an Action's oneof into the actions table's columns plus a flat JSON `params` object.
// Flat objects of strings are what visitParamExtractString reads on every engine (18.16 has no
// JSONExtract); map entries are keyed '<map>.<key>' so they cannot collide with field names.
import type { Action } from '@switchboard/contracts';

export interface ActionFields {
  readonly kind: string;
  readonly text: string;
  readonly language: string;
  readonly queue: string;
  readonly reason: string;
  readonly params: string;
}

type Params = Record<string, string>;

function withMap(params: Params, mapName: string, map: Readonly<Record<string, string>>): Params {
  for (const key of Object.keys(map).sort()) params[`${mapName}.${key}`] = map[key]!;
  return params;
}

export function actionFields(action: Action): ActionFields {
  const none = { text: '', language: '', queue: '', reason: '' };
  if (action.say) {
    const s = action.say;
    return { ...none, kind: 'say', text: s.text, language: s.language, params: JSON.stringify({ barge_in_allowed: String(s.bargeInAllowed), prompt_id: s.promptId }) };
  }
  if (action.ask) {
    const a = action.ask;
    return { ...none, kind: 'ask', text: a.text, language: a.language, params: JSON.stringify({ slot: a.slot }) };
  }
  if (action.transferToHuman) {
    const t = action.transferToHuman;
    return { ...none, kind: 'transfer_to_human', queue: t.queue, reason: t.reason, params: JSON.stringify(withMap({ summary: t.summary }, 'slots', t.slots)) };
  }
  if (action.createTicket) {
    const c = action.createTicket;
    return { ...none, kind: 'create_ticket', params: JSON.stringify(withMap({ subject: c.subject, body: c.body, priority: c.priority }, 'fields', c.fields)) };
  }
  if (action.verifyIdentity) {
    const v = action.verifyIdentity;
    return { ...none, kind: 'verify_identity', params: JSON.stringify(withMap({ method: v.method }, 'claims', v.claims)) };
  }
  if (action.updateCrm) {
    const u = action.updateCrm;
    return { ...none, kind: 'update_crm', params: JSON.stringify(withMap({ customer_ref: u.customerRef }, 'fields', u.fields)) };
  }
  if (action.lookup) {
    const l = action.lookup;
    return { ...none, kind: 'lookup', params: JSON.stringify(withMap({ connector: l.connector, operation: l.operation }, 'params', l.params)) };
  }
  if (action.hangUp) return { ...none, kind: 'hang_up', reason: action.hangUp.reason, params: '{}' };
  // An action with no kind set still records its id (a producer bug worth seeing in SQL).
  return { ...none, kind: '', params: '{}' };
}

/** A string map as a flat JSON object with sorted keys (deterministic bytes for equal maps). */
export function flatJson(map: Readonly<Record<string, string>>): string {
  const out: Params = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key]!;
  return JSON.stringify(out);
}
