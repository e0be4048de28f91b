// A synthesizer for benchmarks and unit tests: answers at once with a tone whose length grows
// with the text (so playback timing, barge-in and pacing can be exercised without a model).
import { SwitchboardError } from '@switchboard/runtime';
import { tone } from '../audio/g711';
import type { Pcm16Audio, SpeechSynthesizer, SynthesisRequest } from '../ports';

export interface InstantSynthesizerOptions {
  /** Default ["en", "zh"]. */
  readonly languages?: Iterable<string>;
  /** Audio per character (code point). Default 60 ms. */
  readonly msPerCharacter?: number;
  /** Default 440 Hz. */
  readonly frequencyHz?: number;
}

export class InstantSynthesizer implements SpeechSynthesizer {
  readonly name = 'instant';
  readonly languages: ReadonlySet<string>;
  /** How many synthesize() calls it has answered. */
  calls = 0;
  private readonly msPerCharacter: number;
  private readonly frequencyHz: number;

  constructor(options: InstantSynthesizerOptions = {}) {
    this.languages = new Set(options.languages ?? ['en', 'zh']);
    this.msPerCharacter = options.msPerCharacter ?? 60;
    this.frequencyHz = options.frequencyHz ?? 440;
  }

  /** The audio length it gives a text. */
  durationMs(text: string): number {
    return Array.from(text).length * this.msPerCharacter;
  }

  synthesize(request: SynthesisRequest): Promise<Pcm16Audio> {
    if (!this.languages.has(request.language)) {
      return Promise.reject(new SwitchboardError('INVALID_ARGUMENT', `instant synthesizer: language "${request.language}" not configured`));
    }
    this.calls++;
    const samples = Math.round((this.durationMs(request.text) * request.sampleRateHz) / 1000);
    return Promise.resolve({ samples: tone(this.frequencyHz, request.sampleRateHz, samples), sampleRateHz: request.sampleRateHz });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
