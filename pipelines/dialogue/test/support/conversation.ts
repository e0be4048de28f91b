// A scripted call through the pure engine: each line feeds one event and returns what the
// engine did, in a compact readable form, so tests read like the conversation they check.
import { join } from 'node:path';
import { Codec, EndReason, type Action, type Envelope, type Slot } from '@switchboard/contracts';
import { testEvent, type Payload, type PayloadKind } from '@switchboard/runtime';
import { findRepoRoot } from '@switchboard/testkit';
import { initialDialogueState, loadPackFile, step, type DialogueState, type Pack } from '../../src';

export const ECOMMERCE_PACK_PATH = join(findRepoRoot(), 'packs', 'ecommerce', 'flows.yaml');
export const ecommerce: Pack = loadPackFile(ECOMMERCE_PACK_PATH);

/** What the orders connector answers for a shipped order (it sends more fields than the pack keeps). */
export const SHIPPED: Readonly<Record<string, string>> = {
  order_number: 'A1001', status: 'shipped', status_en: 'shipped', status_zh: '已发货', carrier: 'DHL', eta: '2026-11-28', items: '1 x Wireless earbuds',
};
export const SHIPPED_REPLY = 'say: Your order A1001 is shipped, with DHL. Delivery date: 2026-11-28.';

/** The fixed text of a prompt, for expectations. */
export function text(id: string, lang = 'en', pack: Pack = ecommerce): string {
  const parts = pack.prompts.get(id)?.texts.get(lang)?.parts;
  if (parts === undefined) throw new Error(`no prompt ${id} in ${lang}`);
  return parts.map((p) => ('lit' in p ? p.lit : `{${p.var}}`)).join('');
}

/** One line per action: `say: …`, `ask order_number: …`, `lookup orders.order_status {…}`, … */
export function show(a: Action): string {
  if (a.say) return `say: ${a.say.text}`;
  if (a.ask) return `ask ${a.ask.slot}: ${a.ask.text}`;
  if (a.lookup) return `lookup ${a.lookup.connector}.${a.lookup.operation} ${JSON.stringify(a.lookup.params)}`;
  if (a.createTicket) return `ticket ${a.createTicket.priority}: ${a.createTicket.subject}`;
  if (a.transferToHuman) return `transfer ${a.transferToHuman.queue}: ${a.transferToHuman.reason}`;
  if (a.hangUp) return `hang up: ${a.hangUp.reason}`;
  return 'other';
}

export interface IntentOptions {
  readonly slots?: Readonly<Record<string, string>>;
  readonly confidence?: number;
  readonly outOfScope?: boolean;
  readonly language?: string;
  readonly utterance?: string;
}

export class Conversation {
  state: DialogueState = initialDialogueState();
  /** Every action, in order, over the whole call. */
  readonly all: Action[] = [];
  /** The last step's notes. */
  notes: readonly string[] = [];
  private seq = 0;
  nowMs = 1_750_000_000_000;

  constructor(readonly pack: Pack = ecommerce, readonly tenantId = 'shop-1', readonly lang = 'en') {}

  /** Feeds one event; returns the actions it produced, shown. */
  feed(env: Envelope): string[] {
    return this.feedRaw(env).map(show);
  }

  feedRaw(env: Envelope): readonly Action[] {
    const r = step(this.state, env, this.pack, env.occurredAtMs);
    this.state = r.state;
    this.notes = r.notes;
    this.all.push(...r.actions);
    return r.actions;
  }

  /** An envelope with a predictable id (`ev-1`, `ev-2`, …) one second after the previous one. */
  event<K extends PayloadKind>(kind: K, payload: Payload<K>, eventId?: string): Envelope {
    this.nowMs += 1000;
    this.seq++;
    return testEvent(kind, payload, { tenantId: this.tenantId, conversationId: 'call-1', eventId: eventId ?? `ev-${this.seq}`, occurredAtMs: this.nowMs });
  }

  start(attributes: Record<string, string> = { language: this.lang }): string[] {
    return this.feed(this.event('callStarted', { callId: 'call-1', callerNumber: '+15550100', calleeNumber: '+15550199', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'test', attributes }));
  }

  intentEvent(name: string, o: IntentOptions = {}): Envelope {
    const slots: Slot[] = Object.entries(o.slots ?? {}).map(([n, value]) => ({ name: n, value, confidence: 0.9 }));
    return this.event('intent', {
      utteranceId: o.utterance ?? `u-${this.seq + 1}`,
      name,
      confidence: o.confidence ?? 0.9,
      outOfScope: o.outOfScope ?? false,
      language: o.language ?? this.lang,
      slots,
      alternatives: [],
    });
  }

  say(name: string, o: IntentOptions = {}): string[] {
    return this.feed(this.intentEvent(name, o));
  }

  emotionEvent(label: string, utterance: string, valence = label === 'neutral' ? 0 : -0.7): Envelope {
    return this.event('emotion', { utteranceId: utterance, label, valence, arousal: 0.6, prosody: undefined, textSentiment: valence });
  }

  feel(label: string, utterance: string, valence?: number): string[] {
    return this.feed(this.emotionEvent(label, utterance, valence));
  }

  /** The connector's answer to the action with this id. */
  resultEvent(actionId: string, output: Readonly<Record<string, string>>, failureReason = ''): Envelope {
    return this.event('actionResult', { actionId, actionKind: 'lookup', success: failureReason === '', failureReason, latencyMs: 40, output: { ...output } });
  }

  /** A connector's answer; a failure reason (`unavailable`, `not_found`, …) makes it a failure. */
  result(actionId: string, output: Readonly<Record<string, string>>, failureReason = ''): string[] {
    return this.feed(this.resultEvent(actionId, output, failureReason));
  }

  /** Id of the last action of a kind (to answer a lookup or ticket). */
  lastId(kind: 'lookup' | 'createTicket'): string {
    const a = [...this.all].reverse().find((x) => x[kind] !== undefined);
    if (a === undefined) throw new Error(`no ${kind} action yet`);
    return a.actionId;
  }

  end(): string[] {
    return this.feed(this.event('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 60_000, audioFrames: 3000, dtmfDigits: 0 }));
  }
}
