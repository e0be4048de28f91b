// The speech engines a local platform runs: one speech worker (faster-whisper for recognition,
// Piper for English) and espeak-ng for Chinese, behind the speech ports. The bot's voice is cached
// for fixed prompts; callers simulated on the same machine speak through the same engines.
import type { Logger } from '@switchboard/runtime';
import {
  CachingSynthesizer, EspeakSynthesizer, RoutingSynthesizer, startSpeechWorker, WorkerSpeechRecognizer, WorkerSpeechSynthesizer,
  type SpeechRecognizer, type SpeechSynthesizer, type SpeechWorker,
} from '@switchboard/speech';

export interface SpeechStack {
  readonly recognizer: SpeechRecognizer;
  /** The bot's voice (fixed prompts cached). */
  readonly synthesizer: SpeechSynthesizer;
  /** For simulated callers: the same engines, nothing cached. */
  readonly callerVoice: SpeechSynthesizer;
  /** Spawn → models loaded (0 for engines that load nothing). */
  readonly startupMs: number;
  close(): Promise<void>;
}

export async function startSpeechStack(logger: Logger): Promise<SpeechStack> {
  const worker: SpeechWorker = await startSpeechWorker({ logger: logger.child({ component: 'speech-worker' }) });
  try {
    const voices = new RoutingSynthesizer([WorkerSpeechSynthesizer.fromWorker(worker), new EspeakSynthesizer()]);
    return {
      recognizer: WorkerSpeechRecognizer.fromWorker(worker),
      synthesizer: new CachingSynthesizer(voices),
      callerVoice: voices,
      startupMs: worker.startupMs,
      close: async () => {
        await voices.close();
        await worker.close();
      },
    };
  } catch (err) {
    await worker.close();
    throw err;
  }
}

/** Engines given by the caller (instant ones for benchmarks), closed with the platform. */
export function speechStackOf(recognizer: SpeechRecognizer, synthesizer: SpeechSynthesizer): SpeechStack {
  return {
    recognizer, synthesizer, callerVoice: synthesizer, startupMs: 0,
    close: async () => { await Promise.all([recognizer.close(), synthesizer.close()]); },
  };
}
