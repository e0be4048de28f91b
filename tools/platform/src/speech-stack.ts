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
  /** The speech worker process, when there is one (for CPU accounting). */
  readonly workerPid?: number;
  /** Spawn → models loaded and warmed up (0 for engines that load nothing). */
  readonly startupMs: number;
  close(): Promise<void>;
}

export async function startSpeechStack(logger: Logger): Promise<SpeechStack> {
  const started = performance.now();
  const worker: SpeechWorker = await startSpeechWorker({ logger: logger.child({ component: 'speech-worker' }) });
  try {
    const voices = new RoutingSynthesizer([WorkerSpeechSynthesizer.fromWorker(worker), new EspeakSynthesizer()]);
    const recognizer = WorkerSpeechRecognizer.fromWorker(worker);
    // The engines' first call pays their lazy set-up (seconds for Whisper); a caller must not.
    const hello = await voices.synthesize({ text: 'Hello, how can I help?', language: 'en', sampleRateHz: 8000 });
    await recognizer.recognize(hello, 'en');
    await voices.synthesize({ text: '您好', language: 'zh', sampleRateHz: 8000 });
    return {
      recognizer,
      synthesizer: new CachingSynthesizer(voices),
      callerVoice: voices,
      startupMs: performance.now() - started,
      workerPid: worker.pid,
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
