// SpeechSynthesizer over the speech worker's Synthesize call (Piper in the worker, English).
import { SwitchboardError } from '@switchboard/runtime';
import { decodeL16 } from '../audio/g711';
import type { Pcm16Audio, SpeechSynthesizer, SynthesisRequest } from '../ports';
import { checkRequest } from '../request-checks';
import type { SpeechWorkerClient } from './contract';
import type { SpeechWorker } from './start-worker';

export const PIPER_ENGINE = 'piper';

export interface WorkerSpeechSynthesizerOptions {
  /** Languages to use it for. Default: those the worker lists for the engine. */
  readonly languages?: Iterable<string>;
  /** Deadline of one call. Default 15000. */
  readonly timeoutMs?: number;
}

export class WorkerSpeechSynthesizer implements SpeechSynthesizer {
  readonly name = PIPER_ENGINE;
  readonly languages: ReadonlySet<string>;
  private readonly timeoutMs: number;
  private closed = false;

  /** The worker stays owned by its starter: close() here stops using it, not the process. */
  constructor(private readonly client: SpeechWorkerClient, languages: Iterable<string>, options: { readonly timeoutMs?: number } = {}) {
    this.languages = new Set(languages);
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Uses the languages the worker reported; fails naming the missing file if Piper is absent. */
  static fromWorker(worker: SpeechWorker, options: WorkerSpeechSynthesizerOptions = {}): WorkerSpeechSynthesizer {
    const status = worker.engine(PIPER_ENGINE);
    if (status?.available !== true) {
      throw new SwitchboardError('FAILED_PRECONDITION', `${PIPER_ENGINE} is unavailable: ${status?.message ?? 'the worker does not run it'}`);
    }
    return new WorkerSpeechSynthesizer(worker.client, options.languages ?? status.languages, options);
  }

  async synthesize(request: SynthesisRequest): Promise<Pcm16Audio> {
    checkRequest(this.name, this.closed, this.languages, request.language, request.sampleRateHz);
    if (request.text.trim() === '') throw new SwitchboardError('INVALID_ARGUMENT', `${this.name}: empty text`);
    const res = await this.client.synthesize(
      { text: request.text, language: request.language, sampleRateHz: request.sampleRateHz }, this.timeoutMs);
    if (res.sampleRateHz !== request.sampleRateHz) {
      throw new SwitchboardError('UNAVAILABLE', `${this.name}: the worker answered at ${res.sampleRateHz} Hz, not ${request.sampleRateHz} Hz`);
    }
    return { samples: decodeL16(res.pcm16le), sampleRateHz: res.sampleRateHz };
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
