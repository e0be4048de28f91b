// The speech ports: what the platform asks of a speech recognizer and a speech synthesizer.
// Engines (faster-whisper in the Python speech worker, Piper, espeak-ng, instant test engines) are
// adapters of these interfaces, chosen by config. Audio crosses the ports as 16-bit linear PCM,
// mono; each side converts to and from G.711 at its own edge.

export interface Pcm16Audio {
  /** Mono, signed 16-bit linear samples. */
  readonly samples: Int16Array;
  readonly sampleRateHz: number;
}

export interface RecognizedWord {
  /** PII: never log it. */
  readonly word: string;
  /** From the start of the audio handed in. */
  readonly startMs: number;
  readonly endMs: number;
  /** 0..1 */
  readonly confidence: number;
}

export interface Recognition {
  /** PII: never log it. Empty when nothing was understood. */
  readonly text: string;
  /** BCP 47 primary tag: "en", "zh". */
  readonly language: string;
  /** 0..1, the engine's confidence in the whole text. */
  readonly confidence: number;
  readonly words: readonly RecognizedWord[];
}

export interface SpeechRecognizer {
  /** Engine name for logs and metrics. */
  readonly name: string;
  /** Languages it transcribes well enough to be used (others take the text path). */
  readonly languages: ReadonlySet<string>;
  /** Transcribes one utterance (already cut by voice-activity detection). */
  recognize(audio: Pcm16Audio, language: string): Promise<Recognition>;
  close(): Promise<void>;
}

export interface SynthesisRequest {
  /** PII-capable (may echo slots): never log it. */
  readonly text: string;
  /** BCP 47 primary tag: "en", "zh". */
  readonly language: string;
  /** Output rate; telephone calls want 8000. */
  readonly sampleRateHz: number;
  /**
   * Set only for fixed prompts (a greeting, "please hold"): names the prompt, e.g. "greeting".
   * A CachingSynthesizer keeps their audio; requests without a key are never cached, since their
   * text may hold PII. The text stays part of the cache key, so an edited prompt is re-synthesized.
   */
  readonly cacheKey?: string;
}

export interface SpeechSynthesizer {
  readonly name: string;
  readonly languages: ReadonlySet<string>;
  synthesize(request: SynthesisRequest): Promise<Pcm16Audio>;
  close(): Promise<void>;
}
