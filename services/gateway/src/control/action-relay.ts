// Turns an Action arriving on the call's control subject into what the call must do: say/ask →
// audio to play (synthesized in the call's format), transferToHuman → TransferCall then the end
// of the bot's part of the call, hangUp → HangupCall then the end. Other actions (tickets, CRM,
// identity, lookups) are for the actions pipeline, not the call.
import { EndReason, type Action, type MediaServerMessage } from '@switchboard/contracts';
import type { MediaFormat } from '../call/media-format';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer';

export type RelayedKind = 'say' | 'ask' | 'transferToHuman' | 'hangUp';

export type Relay =
  | { readonly kind: 'say' | 'ask'; readonly actionId: string; readonly audio: Buffer; readonly bargeInAllowed: boolean }
  | { readonly kind: 'transferToHuman' | 'hangUp'; readonly message: MediaServerMessage; readonly ends: { readonly reason: EndReason; readonly detail: string } };

export class ActionRelay {
  constructor(private readonly synthesizer: SpeechSynthesizer) {}

  /** What the call must do for one action, or undefined when the action is not for the call. */
  async relay(action: Action, format: MediaFormat): Promise<Relay | undefined> {
    if (action.say) {
      const audio = await this.speak(action.say.text, action.say.language, format, action.say.promptId);
      return { kind: 'say', actionId: action.actionId, audio, bargeInAllowed: action.say.bargeInAllowed };
    }
    if (action.ask) {
      // A question waits for the caller's answer: they may always talk over it.
      const audio = await this.speak(action.ask.text, action.ask.language, format, '');
      return { kind: 'ask', actionId: action.actionId, audio, bargeInAllowed: true };
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

  private speak(text: string, language: string, format: MediaFormat, promptId: string): Promise<Buffer> {
    return this.synthesizer.synthesize({
      text, language, codec: format.codec, sampleRateHz: format.sampleRateHz, ...(promptId === '' ? {} : { cacheKey: promptId }),
    });
  }
}
