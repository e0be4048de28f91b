// Recognitions of one call, in utterance order. Each starts as soon as its utterance is cut and
// never rejects (a failure is an outcome), so nobody has to be awaiting it; results are taken
// from the front only, so a call's transcripts leave in the order the caller spoke them.
import type { Transcript } from '@switchboard/contracts';
import type { SpeechRecognizer } from '@switchboard/speech';
import { errorMessage } from '@switchboard/runtime';
import type { CutUtterance } from '../audio/segmenter';
import type { ProsodyOf } from './options';
import { toTranscript, type UtteranceSpan } from './transcript';

export type RecognitionOutcome =
  | { readonly kind: 'transcript'; readonly transcript: Transcript; readonly prosodyError: string | undefined }
  | { readonly kind: 'empty' }
  | { readonly kind: 'failed'; readonly error: string };

export interface PendingRecognition {
  readonly span: UtteranceSpan;
  readonly language: string;
  /** Resolves (never rejects) once `outcome` is set. */
  readonly done: Promise<void>;
  outcome: RecognitionOutcome | undefined;
}

export function startRecognition(recognizer: SpeechRecognizer, prosodyOf: ProsodyOf | undefined, cut: CutUtterance, span: UtteranceSpan, language: string): PendingRecognition {
  const audio = { samples: cut.samples, sampleRateHz: cut.sampleRateHz };
  const entry: { -readonly [K in keyof PendingRecognition]: PendingRecognition[K] } = { span, language, done: Promise.resolve(), outcome: undefined };
  // Prosody runs beside recognition; its failure costs the prosody, not the transcript.
  const prosody = prosodyOf === undefined
    ? Promise.resolve({ value: undefined, error: undefined })
    : Promise.resolve().then(() => prosodyOf(audio)).then(
      (value) => ({ value, error: undefined }),
      (err: unknown) => ({ value: undefined, error: errorMessage(err) }),
    );
  // A recognizer that throws instead of rejecting is a failure like any other.
  const recognition = Promise.resolve().then(() => recognizer.recognize(audio, language));
  entry.done = Promise.all([recognition, prosody]).then(
    ([recognition, p]) => {
      const transcript = toTranscript(recognition, span, language, p.value);
      entry.outcome = transcript === undefined ? { kind: 'empty' } : { kind: 'transcript', transcript, prosodyError: p.error };
    },
    (err: unknown) => {
      entry.outcome = { kind: 'failed', error: errorMessage(err) };
    },
  );
  return entry;
}

/**
 * Removes and returns the recognitions ready to emit, in order. `all` waits for every one (call
 * end, inline mode); otherwise only while more than `maxPending` are in flight, then takes the
 * settled front.
 */
export async function takeSettled(pending: PendingRecognition[], all: boolean, maxPending: number): Promise<PendingRecognition[]> {
  const out: PendingRecognition[] = [];
  while (pending.length > 0 && (all || pending.length > maxPending)) {
    const first = pending.shift()!;
    await first.done;
    out.push(first);
  }
  while (pending[0]?.outcome !== undefined) out.push(pending.shift()!);
  return out;
}
