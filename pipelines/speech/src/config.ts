// The speech settings read from the environment (validated once; errors name the variable).
import { int, loadConfig, str, type Env } from '@switchboard/runtime';
import { defaultSpeechCacheDir } from './worker/paths';

export interface SpeechConfig {
  /** Where setup-speech.sh put the venv, the stubs and the models. */
  readonly cacheDir: string;
  /** CPU threads faster-whisper may use (the worker reads SPEECH_WHISPER_CPU_THREADS). */
  readonly whisperCpuThreads: number;
  /** Shortest audio window Whisper's encoder reads, ms (the worker reads SPEECH_WHISPER_MIN_WINDOW_MS; 30000 = Whisper's own). */
  readonly whisperMinWindowMs: number;
}

export function loadSpeechConfig(env: Env = process.env): SpeechConfig {
  return loadConfig<SpeechConfig>({
    cacheDir: { env: 'SPEECH_CACHE_DIR', parse: str(/^\//, 'must be an absolute path'), default: defaultSpeechCacheDir(), description: 'speech cache folder' },
    whisperCpuThreads: { env: 'SPEECH_WHISPER_CPU_THREADS', parse: int(1, 64), default: 2, description: 'faster-whisper CPU threads' },
    whisperMinWindowMs: { env: 'SPEECH_WHISPER_MIN_WINDOW_MS', parse: int(5000, 30_000), default: 15_000, description: "shortest audio window Whisper's encoder reads (30000 = Whisper's own 30 s)" },
  }, env);
}
