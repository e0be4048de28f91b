// A recognizer's answer for one utterance → the Transcript contract, in call time: the utterance
// starts at its first frame's sequence × 20 ms (sequence 0 is the call's start, the gateway's
// media sequence space) and word times move from utterance time to call time. Text is PII: this
// module builds events, it never logs.
import type { ProsodyFeatures, Transcript } from '@switchboard/contracts';
import type { Recognition } from '@switchboard/speech';
import { FRAME_MS } from '../audio/decode-chunk';

export interface UtteranceSpan {
  readonly utteranceId: string;
  readonly startMs: number;
  readonly endMs: number;
}

export function spanOf(conversationId: string, startFrame: number, endFrame: number): UtteranceSpan {
  const startMs = startFrame * FRAME_MS;
  // The id is where the utterance starts in the call: deterministic, and unlike a counter it
  // stays unique across a restart (a fresh state would count from 1 again).
  return { utteranceId: `${conversationId}:${startMs}`, startMs, endMs: endFrame * FRAME_MS };
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The transcript to emit, or undefined when nothing was understood (empty text emits nothing). */
export function toTranscript(r: Recognition, span: UtteranceSpan, requestedLanguage: string, prosody: ProsodyFeatures | undefined): Transcript | undefined {
  if (r.text.trim() === '') return undefined;
  const { startMs, endMs } = span;
  // Engines sometimes place a word edge a little outside the audio they were given.
  const toCall = (ms: number): number => Math.min(endMs, Math.max(startMs, Math.round(startMs + ms)));
  return {
    utteranceId: span.utteranceId,
    isFinal: true,
    text: r.text,
    language: r.language === '' ? requestedLanguage : r.language,
    confidence: clamp01(r.confidence),
    startMs,
    endMs,
    words: r.words.map((w) => ({ word: w.word, startMs: toCall(w.startMs), endMs: toCall(w.endMs), confidence: clamp01(w.confidence) })),
    prosody,
  };
}
