// SpeechRecognizer over the speech worker's Recognize call (faster-whisper in the worker).
import { SwitchboardError } from '@switchboard/runtime';
import { encodeL16 } from '../audio/g711';
import type { Pcm16Audio, Recognition, SpeechRecognizer } from '../ports';
import { checkRequest } from '../request-checks';
import type { SpeechWorkerClient } from './contract';
import type { SpeechWorker } from './start-worker';

export const WHISPER_ENGINE = 'faster-whisper';

export interface WorkerSpeechRecognizerOptions {
  /** Languages to use it for. Default: those the worker lists for the engine. */
  readonly languages?: Iterable<string>;
  /** Deadline of one call; it includes waiting behind other calls. Default 30000. */
  readonly timeoutMs?: number;
}

export class WorkerSpeechRecognizer implements SpeechRecognizer {
  readonly name = WHISPER_ENGINE;
  readonly languages: ReadonlySet<string>;
  private readonly timeoutMs: number;
  private closed = false;

  /** The worker stays owned by its starter: close() here stops using it, not the process. */
  constructor(private readonly client: SpeechWorkerClient, languages: Iterable<string>, options: { readonly timeoutMs?: number } = {}) {
    this.languages = new Set(languages);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Uses the languages the worker reported; fails naming the missing file if Whisper is absent. */
  static fromWorker(worker: SpeechWorker, options: WorkerSpeechRecognizerOptions = {}): WorkerSpeechRecognizer {
    const status = worker.engine(WHISPER_ENGINE);
    if (status?.available !== true) {
      throw new SwitchboardError('FAILED_PRECONDITION', `${WHISPER_ENGINE} is unavailable: ${status?.message ?? 'the worker does not run it'}`);
    }
    return new WorkerSpeechRecognizer(worker.client, options.languages ?? status.languages, options);
  }

  async recognize(audio: Pcm16Audio, language: string): Promise<Recognition> {
    checkRequest(this.name, this.closed, this.languages, language, audio.sampleRateHz);
    const res = await this.client.recognize(
      { pcm16le: encodeL16(audio.samples), sampleRateHz: audio.sampleRateHz, language }, this.timeoutMs);
    return {
      text: res.text,
      language: res.language,
      confidence: res.confidence,
      words: res.words.map((w) => ({ word: w.word, startMs: w.startMs, endMs: w.endMs, confidence: w.confidence })),
    };
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
