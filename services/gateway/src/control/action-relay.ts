// Turns an Action arriving on the call's control subject into what the call must do: say/ask →
// audio to play (synthesized in the call's format), transferToHuman → TransferCall then the end
// of the bot's part of the call, hangUp → HangupCall then the end. Other actions (tickets, CRM,
// identity, lookups) are for the actions pipeline, not the call.
// A reply of several sentences is synthesized first sentence first: the caller hears it while
// the rest is made (`rest`), instead of waiting for the whole reply (synthesis time grows with
// its length). Fixed prompts (cached) stay whole.
import { EndReason, type Action, type MediaServerMessage } from '@switchboard/contracts';
import type { MediaFormat } from '../call/media-format';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer';

export type RelayedKind = 'say' | 'ask' | 'transferToHuman' | 'hangUp';

export type Relay =
  | {
    readonly kind: 'say' | 'ask'; readonly actionId: string; readonly audio: Buffer; readonly bargeInAllowed: boolean;
    /** The audio after the first sentence, still being synthesized; it plays on after `audio`. */
    readonly rest?: Promise<Buffer>;
  }
  | { readonly kind: 'transferToHuman' | 'hangUp'; readonly message: MediaServerMessage; readonly ends: { readonly reason: EndReason; readonly detail: string } };

export class ActionRelay {
  constructor(private readonly synthesizer: SpeechSynthesizer) {}

  /** What the call must do for one action, or undefined when the action is not for the call. */
  async relay(action: Action, format: MediaFormat): Promise<Relay | undefined> {
    if (action.say) {
      const speech = await this.speak(action.say.text, action.say.language, format, action.say.promptId);
      return { kind: 'say', actionId: action.actionId, ...speech, bargeInAllowed: action.say.bargeInAllowed };
    }
    if (action.ask) {
      // A question waits for the caller's answer: they may always talk over it.
      const speech = await this.speak(action.ask.text, action.ask.language, format, '');
      return { kind: 'ask', actionId: action.actionId, ...speech, bargeInAllowed: true };
    }
    if (action.transferToHuman) {
      const t = action.transferToHuman;
      // The media side moves the call to the agent queue with this context; the bot is done.
      return {
        kind: 'transferToHuman',
        message: { transfer: { actionId: action.actionId, queue: t.queue, summary: t.summary, context: { ...t.slots } } },
        ends: { reason: EndReason.END_REASON_TRANSFERRED, detail: `to ${t.queue}` },
      };
    }
    if (action.hangUp) {
      return {
        kind: 'hangUp',
        message: { hangup: { actionId: action.actionId, reason: action.hangUp.reason } },
        ends: { reason: EndReason.END_REASON_BOT_HANGUP, detail: action.hangUp.reason === '' ? 'bot hung up' : action.hangUp.reason },
      };
    }
    return undefined;
  }

  private async speak(text: string, language: string, format: MediaFormat, promptId: string): Promise<{ audio: Buffer; rest?: Promise<Buffer> }> {
    const request = (t: string): Promise<Buffer> => this.synthesizer.synthesize({
      text: t, language, codec: format.codec, sampleRateHz: format.sampleRateHz, ...(promptId === '' ? {} : { cacheKey: promptId }),
    });
    const parts = promptId === '' ? splitFirstSentence(text) : undefined;
    if (parts === undefined) return { audio: await request(text) };
    const audio = await request(parts[0]);
    // Made after the first part, not beside it: the two would share the same cores.
    const rest = request(parts[1]);
    rest.catch(() => undefined); // the call's voice awaits it and reports a failure
    return { audio, rest };
  }
}

/** Ends of sentences: . ! ? … followed by white space, or a Chinese full stop, exclamation or question mark. */
const SENTENCE_END = /[.!?…](?=\s)|[。！？]/u;

/** The first sentence and the rest, when there is a rest; undefined for one sentence. */
export function splitFirstSentence(text: string): [string, string] | undefined {
  const m = SENTENCE_END.exec(text);
  if (m === null) return undefined;
  const first = text.slice(0, m.index + m[0].length).trim();
  const rest = text.slice(m.index + m[0].length).trim();
  return first === '' || rest === '' ? undefined : [first, rest];
}
