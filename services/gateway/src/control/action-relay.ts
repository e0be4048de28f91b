// Turns an Action arriving on the call's NATS control subject into what the media side must do:
// say/ask → PlayAudio chunks, transferToHuman → TransferCall, hangUp → HangupCall (and the call
// ends). Other actions (tickets, CRM, identity) are for the actions pipeline, not the call.
import type { Action, MediaServerMessage } from '@switchboard/contracts';
import type { MediaFormat } from '../call/media-format';
import type { SpeechSynthesizer } from '../tts/speech-synthesizer';

/** PlayAudio chunks carry up to 1 s of audio (50 frames) so long prompts stream progressively. */
const FRAMES_PER_PLAY_CHUNK = 50;

export type RelayedKind = 'say' | 'ask' | 'transferToHuman' | 'hangUp';

export interface Relay {
  readonly kind: RelayedKind;
  readonly messages: readonly MediaServerMessage[];
  /** The bot hung up: after the messages, the call ends (CallEnded BOT_HANGUP). */
  readonly endsCall: boolean;
}

export class ActionRelay {
  constructor(private readonly synthesizer: SpeechSynthesizer) {}

  /** The messages for one action, or undefined when the action is not for the media side. */
  async relay(action: Action, format: MediaFormat): Promise<Relay | undefined> {
    if (action.say) {
      const audio = await this.speak(action.say.text, action.say.language, format);
      return { kind: 'say', messages: playChunks(action.actionId, audio, format, action.say.bargeInAllowed), endsCall: false };
    }
    if (action.ask) {
      // A question waits for the caller's answer: they may always talk over it.
      const audio = await this.speak(action.ask.text, action.ask.language, format);
      return { kind: 'ask', messages: playChunks(action.actionId, audio, format, true), endsCall: false };
    }
    if (action.transferToHuman) {
      const t = action.transferToHuman;
      return { kind: 'transferToHuman', messages: [{ transfer: { actionId: action.actionId, queue: t.queue, summary: t.summary, context: { ...t.slots } } }], endsCall: false };
    }
    if (action.hangUp) {
      return { kind: 'hangUp', messages: [{ hangup: { actionId: action.actionId, reason: action.hangUp.reason } }], endsCall: true };
    }
    return undefined;
  }

  private speak(text: string, language: string, format: MediaFormat): Promise<Buffer> {
    return this.synthesizer.synthesize({ text, language, codec: format.codec, sampleRateHz: format.sampleRateHz });
  }
}

function playChunks(actionId: string, audio: Buffer, format: MediaFormat, bargeInAllowed: boolean): MediaServerMessage[] {
  const chunkBytes = format.frameBytes * FRAMES_PER_PLAY_CHUNK;
  const count = Math.max(1, Math.ceil(audio.length / chunkBytes));
  const out: MediaServerMessage[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      play: {
        actionId,
        codec: format.codec,
        sampleRateHz: format.sampleRateHz,
        audio: audio.subarray(i * chunkBytes, (i + 1) * chunkBytes),
        chunkIndex: i,
        last: i === count - 1,
        bargeInAllowed,
      },
    });
  }
  return out;
}
