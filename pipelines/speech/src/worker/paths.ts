// Where the speech worker's files are: the Python script in this package, and what
// scripts/setup-speech.sh installs under the speech cache (default <repo>/.cache/speech).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** dist/src/worker/paths.js → the package root (pipelines/speech). */
export const SPEECH_PACKAGE_ROOT = join(__dirname, '..', '..', '..');
/** The install command every "missing" error points at (run from the repository root). */
export const SPEECH_SETUP_COMMAND = 'bash pipelines/speech/scripts/setup-speech.sh';

export interface SpeechPaths {
  readonly cacheDir: string;
  /** The venv's interpreter. */
  readonly python: string;
  /** Python gRPC stubs generated from proto/ at setup time. */
  readonly genDir: string;
  readonly workerScript: string;
  /** faster-whisper model folder (model.bin, config.json, tokenizer.json, vocabulary.txt). */
  readonly whisperDir: string;
  /** Piper voice model; its config is the same path + ".json". */
  readonly piperVoice: string;
}

export function defaultSpeechCacheDir(): string {
  return join(SPEECH_PACKAGE_ROOT, '..', '..', '.cache', 'speech');
}

export function speechPaths(cacheDir: string = defaultSpeechCacheDir()): SpeechPaths {
  return {
    cacheDir,
    python: join(cacheDir, 'venv', 'bin', 'python'),
    genDir: join(cacheDir, 'gen'),
    workerScript: join(SPEECH_PACKAGE_ROOT, 'worker', 'speech_worker.py'),
    whisperDir: join(cacheDir, 'models', 'whisper-base'),
    piperVoice: join(cacheDir, 'models', 'piper', 'en_US-joe-medium.onnx'),
  };
}

/** The setup steps whose output is missing (the worker cannot start without them); [] when ready. */
export function missingSetup(paths: SpeechPaths): string[] {
  const missing: string[] = [];
  if (!existsSync(paths.python)) missing.push(`the Python venv (${paths.python})`);
  if (!existsSync(join(paths.genDir, 'switchboard', 'v1', 'speech_pb2_grpc.py'))) missing.push(`the Python gRPC stubs (${paths.genDir})`);
  if (!existsSync(paths.workerScript)) missing.push(`the worker script (${paths.workerScript})`);
  return missing;
}
