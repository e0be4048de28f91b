// The pipeline host's configuration: which processors this process runs, where the knowledge
// pack is, and the settings of the processors it runs. One image runs every processor; a
// deployment picks its share with PIPELINE_PROCESSORS (asr alone next to the speech worker's CPU,
// the light ones together). Loaded once; a bad value fails naming the variable, never the value.
import { resolve } from 'node:path';
import { actionsEnvSpec, type ActionsEnvConfig } from '@switchboard/actions';
import { busConfigSpec, int, loadConfig, logLevelSpec, str, SwitchboardError, url, type BusConfig, type ConfigSpec, type Env, type LogLevel } from '@switchboard/runtime';

export const PROCESSOR_NAMES = ['asr', 'nlu', 'emotion', 'dialogue', 'actions'] as const;
export type ProcessorName = (typeof PROCESSOR_NAMES)[number];

export interface HostConfig extends BusConfig, ActionsEnvConfig {
  processors: ProcessorName[];
  /** Folder of the knowledge pack: nlu.yaml (intents, examples, slots) and flows.yaml (dialogue). */
  packDir: string;
  /** The call control plane; required when the dialogue runs (its actions go to live calls). */
  natsUrl: string;
  /** Language assumed for a call whose start says none. */
  asrDefaultLanguage: string;
  /** Silence after the caller's last voiced frame at which the ASR starts recognising early (0 = off). */
  asrEarlyRecognitionMs: number;
  /** Partitions one instance works on at once, per lane. */
  concurrency: number;
  /** /healthz, /readyz and /metrics. */
  httpPort: number;
  logLevel: LogLevel;
}

/** The pack that ships with the repository (also in the image, at the same relative place). */
export const DEFAULT_PACK_DIR = resolve(__dirname, '..', '..', '..', '..', 'packs', 'ecommerce');

const processorList = (raw: string, name: string): ProcessorName[] => {
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = new Set<string>(PROCESSOR_NAMES);
  if (parts.length === 0 || !parts.every((p) => known.has(p)) || new Set(parts).size !== parts.length) {
    throw new Error(`${name}: must be a comma-separated list of distinct names from ${PROCESSOR_NAMES.join(', ')}`);
  }
  // Start order is pipeline order whatever the list says, so logs read the same everywhere.
  return PROCESSOR_NAMES.filter((p) => parts.includes(p));
};

// Between the VAD's hangover (200 ms: the audio kept after the last voiced frame) and its
// end-of-utterance silence (600 ms), or 0.
const earlyRecognitionMs = (raw: string, name: string): number => {
  const n = int(0, 599)(raw, name);
  if (n !== 0 && n < 200) throw new Error(`${name}: must be 0 (off) or from 200 to 599 (between the VAD's hangover and its end-of-utterance silence)`);
  return n;
};

const hostSpec: ConfigSpec<Omit<HostConfig, keyof BusConfig | keyof ActionsEnvConfig>> = {
  processors: { env: 'PIPELINE_PROCESSORS', parse: processorList, default: [...PROCESSOR_NAMES], description: 'processors this process runs' },
  packDir: { env: 'PACK_DIR', parse: str(/^\//, 'must be an absolute path'), default: DEFAULT_PACK_DIR, description: 'knowledge pack folder (nlu.yaml, flows.yaml)' },
  natsUrl: { env: 'NATS_URL', parse: url(['nats']), default: '', description: 'NATS server for the call control plane, nats://host:port' },
  asrDefaultLanguage: { env: 'ASR_DEFAULT_LANGUAGE', parse: str(/^[a-z]{2,3}$/, 'a language code such as en or zh'), default: 'en', description: 'language of calls that name none' },
  asrEarlyRecognitionMs: {
    env: 'ASR_EARLY_RECOGNITION_MS', parse: earlyRecognitionMs, default: 300,
    description: 'silence after the last voiced frame at which recognition starts early (0 = off)',
  },
  concurrency: { env: 'PIPELINE_CONCURRENCY', parse: int(1, 256), default: 6, description: 'partitions worked on at once per lane' },
  httpPort: { env: 'PIPELINE_HTTP_PORT', parse: int(0, 65_535), default: 8082, description: 'port of /healthz, /readyz and /metrics' },
  logLevel: logLevelSpec,
};

/** Loads and validates the environment; throws CONFIG_INVALID naming every bad variable. */
export function loadHostConfig(env: Env = process.env): HostConfig {
  const config = loadConfig<HostConfig>({ ...busConfigSpec('switchboard-pipeline'), ...actionsEnvSpec, ...hostSpec }, env);
  if (config.processors.includes('dialogue') && config.natsUrl === '') {
    throw new SwitchboardError('CONFIG_INVALID', 'invalid configuration: NATS_URL: required when PIPELINE_PROCESSORS includes dialogue (its actions go to live calls)');
  }
  return config;
}
