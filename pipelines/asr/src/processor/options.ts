// What createAsrProcessor takes, with defaults, and how a call's language is chosen.
import type { CallStarted, ProsodyFeatures } from '@switchboard/contracts';
import type { Pcm16Audio, SpeechRecognizer } from '@switchboard/speech';
import type { VadConfig } from '../vad/config';

/** Prosody of one utterance (the emotion features travel with its transcript). */
export type ProsodyOf = (audio: Pcm16Audio) => ProsodyFeatures | undefined | Promise<ProsodyFeatures | undefined>;

/**
 * 'overlapped' (default): a recognition runs while the processor goes on with other records; its
 *   transcript is emitted with the first event of the same call handled after it finished (or
 *   with CallEnded, which waits for all). Other calls on the partition keep flowing.
 * 'inline': the event that ends the utterance waits for its recognition and emits the transcript
 *   itself; simple and deterministic, but the whole partition waits for the recognizer.
 */
export type RecognitionMode = 'overlapped' | 'inline';

export interface AsrProcessorOptions {
  readonly recognizer: SpeechRecognizer;
  readonly prosodyOf?: ProsodyOf;
  /** The call's language (BCP 47; reduced to its primary tag). Default: attributes.language, else defaultLanguage. */
  readonly languageOf?: (call: CallStarted) => string;
  /** Default 'en'. Also used when a call's CallStarted is never seen (restart, rebalance). */
  readonly defaultLanguage?: string;
  /** VAD settings; the sample rate and frame duration come from the audio. */
  readonly vad?: Partial<Omit<VadConfig, 'sampleRateHz' | 'frameMs'>>;
  /** Consumer group, event source and metrics name. Default 'asr'. */
  readonly name?: string;
  readonly recognition?: RecognitionMode;
  /**
   * Silence after the caller's last voiced frame at which the utterance is recognised early, while
   * the end-of-utterance silence is still being counted (the transcript still leaves only at the
   * end of the utterance; if the caller speaks again the early recognition is discarded). Must lie
   * between the VAD's hangover and its end-of-utterance silence; 0 turns it off. Default 300 ms.
   */
  readonly earlyRecognitionMs?: number;
  /** Recognitions one call may have in flight before its events wait for the oldest. Default 2. */
  readonly maxPendingPerCall?: number;
  /** Utterances kept while CallStarted is not seen; beyond that the default language is assumed. Default 2. */
  readonly maxHeldUtterances?: number;
  /** Ended calls remembered so late audio does not revive them. Default 10000. */
  readonly endedCallsRemembered?: number;
}

export interface ResolvedAsrOptions {
  readonly recognizer: SpeechRecognizer;
  readonly prosodyOf: ProsodyOf | undefined;
  readonly languageOf: (call: CallStarted) => string;
  readonly defaultLanguage: string;
  readonly vad: Partial<VadConfig>;
  readonly name: string;
  readonly recognition: RecognitionMode;
  readonly earlyRecognitionMs: number;
  readonly maxPendingPerCall: number;
  readonly maxHeldUtterances: number;
  readonly endedCallsRemembered: number;
}

/** Half the default end-of-utterance silence (600 ms): the recognition gets a 300 ms head start. */
export const DEFAULT_EARLY_RECOGNITION_MS = 300;

/** "zh-CN" → "zh", "EN_us" → "en": recognizers list primary tags. */
export function primaryLanguage(tag: string): string {
  return tag.trim().split(/[-_]/)[0]!.toLowerCase();
}

/** The default languageOf: the call's `language` attribute if present, else `defaultLanguage`. */
export function languageFromAttributes(defaultLanguage: string): (call: CallStarted) => string {
  return (call) => {
    const tag = call.attributes['language']?.trim() ?? '';
    return tag === '' ? defaultLanguage : tag;
  };
}

export function resolveAsrOptions(o: AsrProcessorOptions): ResolvedAsrOptions {
  const defaultLanguage = primaryLanguage(o.defaultLanguage ?? 'en');
  if (defaultLanguage === '') throw new Error('defaultLanguage must be a language tag');
  const positive = (v: number | undefined, fallback: number, name: string): number => {
    const n = v ?? fallback;
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be an integer >= 1`);
    return n;
  };
  return {
    recognizer: o.recognizer,
    prosodyOf: o.prosodyOf,
    languageOf: o.languageOf ?? languageFromAttributes(defaultLanguage),
    defaultLanguage,
    vad: o.vad ?? {},
    name: o.name ?? 'asr',
    recognition: o.recognition ?? 'overlapped',
    earlyRecognitionMs: o.earlyRecognitionMs ?? DEFAULT_EARLY_RECOGNITION_MS,
    maxPendingPerCall: positive(o.maxPendingPerCall, 2, 'maxPendingPerCall'),
    maxHeldUtterances: positive(o.maxHeldUtterances, 2, 'maxHeldUtterances'),
    endedCallsRemembered: positive(o.endedCallsRemembered, 10_000, 'endedCallsRemembered'),
  };
}
