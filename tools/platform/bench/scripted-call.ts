// The benchmark's caller: the same two turns on every call ("where is my order", then the order
// number), spoken by espeak-ng once and replayed; the instant recognizer tells the turns apart by
// their length, as a real engine would by their sound.
import { PhoneLine, speak } from '@switchboard/caller';
import type { MediaIngestClient } from '@switchboard/gateway';
import { EspeakSynthesizer, InstantRecognizer } from '@switchboard/speech';

export const TURNS = ['Hi, where is my order?', 'Two zero two six zero two three one.'] as const;
export const RECOGNIZED = ['hi where is my order', 'two zero two six zero two three one'] as const;

export interface TurnAudio {
  readonly audio: readonly Int16Array[];
  /** Recognizes an utterance as the turn whose audio is closest in length. */
  readonly recognizer: InstantRecognizer;
}

export async function turnAudio(): Promise<TurnAudio> {
  const voice = new EspeakSynthesizer({ voice: 'en-us', languages: ['en'] });
  const audio = await Promise.all(TURNS.map((t) => speak(voice, t, 'en', 'calm')));
  const recognizer = new InstantRecognizer({
    languages: ['en'],
    script: (utterance) => {
      const lengths = audio.map((a) => Math.abs(a.length - utterance.samples.length));
      return RECOGNIZED[lengths.indexOf(Math.min(...lengths))]!;
    },
  });
  return { audio, recognizer };
}

/** One call: greeting, both turns (each after the bot finished), hang-up. Returns the line. */
export async function scriptedCall(client: MediaIngestClient, callId: string, audio: readonly Int16Array[], replyTimeoutMs: number): Promise<PhoneLine> {
  const line = await PhoneLine.dial(client, { callId, tenantId: 'bench', language: 'en' });
  try {
    await line.botTurn(0, 300, replyTimeoutMs);
    for (const pcm of audio) {
      const since = performance.now();
      await line.speak(pcm);
      await line.botTurn(since, 300, replyTimeoutMs);
    }
  } finally {
    await line.hangUp();
  }
  return line;
}
