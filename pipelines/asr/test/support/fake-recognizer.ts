// A recognizer for tests: records what it was asked, answers from a script, and can be held
// (its answers wait until released) to stand for a slow engine without any timer.
import type { Pcm16Audio, Recognition, SpeechRecognizer } from '@switchboard/speech';

export interface RecognizeCall {
  readonly samples: number;
  readonly sampleRateHz: number;
  readonly language: string;
  /** Peak absolute sample: lets tests tell voice from silence. */
  readonly peak: number;
}

export type Answer = (call: RecognizeCall, index: number) => Recognition | Error;

/** Text that must never reach a log line. */
export const SECRET_TEXT = 'my card number is 4111 1111 1111 1111';

export const defaultAnswer: Answer = (call, index) => ({
  text: `${SECRET_TEXT} #${index}`,
  language: call.language,
  confidence: 0.87,
  words: [
    { word: 'my', startMs: 100, endMs: 400, confidence: 0.9 },
    { word: 'card', startMs: 450, endMs: 99_999, confidence: 1.7 },
  ],
});

export class FakeRecognizer implements SpeechRecognizer {
  readonly name = 'fake';
  readonly calls: RecognizeCall[] = [];
  private gate: { readonly promise: Promise<void>; readonly language: string | undefined } | undefined;

  constructor(readonly languages: ReadonlySet<string> = new Set(['en']), private readonly answer: Answer = defaultAnswer) {}

  /** Answers (in `language`, or all) wait until the returned function is called. */
  hold(language?: string): () => void {
    let release!: () => void;
    this.gate = { promise: new Promise<void>((r) => { release = r; }), language };
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async recognize(audio: Pcm16Audio, language: string): Promise<Recognition> {
    let peak = 0;
    for (const v of audio.samples) peak = Math.max(peak, Math.abs(v));
    const call: RecognizeCall = { samples: audio.samples.length, sampleRateHz: audio.sampleRateHz, language, peak };
    const index = this.calls.push(call) - 1;
    const gate = this.gate;
    if (gate && (gate.language === undefined || gate.language === language)) await gate.promise;
    const a = this.answer(call, index);
    if (a instanceof Error) throw a;
    return a;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
