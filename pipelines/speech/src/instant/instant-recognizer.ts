// A recognizer for benchmarks and unit tests: answers at once with scripted text, no model.
import type { Pcm16Audio, Recognition, RecognizedWord, SpeechRecognizer } from '../ports';

export interface InstantRecognizerOptions {
  /** Texts returned in turn (then ""), or a function of the audio and the call's index. */
  readonly script?: readonly string[] | ((audio: Pcm16Audio, language: string, index: number) => string);
  /** Default ["en", "zh"]. */
  readonly languages?: Iterable<string>;
  /** Default 0.9. */
  readonly confidence?: number;
}

/** Spreads the words evenly over the audio: plausible, ordered timings for code that reads them. */
function evenWords(text: string, durationMs: number, confidence: number): RecognizedWord[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const slotMs = words.length === 0 ? 0 : durationMs / words.length;
  return words.map((word, i) => ({ word, startMs: Math.round(i * slotMs), endMs: Math.round((i + 1) * slotMs), confidence }));
}

export class InstantRecognizer implements SpeechRecognizer {
  readonly name = 'instant';
  readonly languages: ReadonlySet<string>;
  /** How many recognize() calls it has answered. */
  calls = 0;
  private readonly script: InstantRecognizerOptions['script'];
  private readonly confidence: number;

  constructor(options: InstantRecognizerOptions = {}) {
    this.script = options.script ?? [];
    this.languages = new Set(options.languages ?? ['en', 'zh']);
    this.confidence = options.confidence ?? 0.9;
  }

  recognize(audio: Pcm16Audio, language: string): Promise<Recognition> {
    const index = this.calls++;
    const text = typeof this.script === 'function' ? this.script(audio, language, index) : (this.script?.[index] ?? '');
    const durationMs = (audio.samples.length * 1000) / audio.sampleRateHz;
    return Promise.resolve({
      text,
      language,
      confidence: text === '' ? 0 : this.confidence,
      words: evenWords(text, durationMs, this.confidence),
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
