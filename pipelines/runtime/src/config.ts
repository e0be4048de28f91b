// One typed, validated config per service, loaded once at start-up. Failures name the variable
// and the rule, never the value (it may be a secret).
import { readFileSync } from 'node:fs';
import { SwitchboardError } from './errors';
import { parseLogLevel, type LogLevel } from './logger';

export type Env = Readonly<Record<string, string | undefined>>;

export interface VarSpec<T> {
  readonly parse: (raw: string, name: string) => T;
  readonly default?: T;
  readonly secret?: boolean; // also read from <NAME>_FILE
  readonly description: string;
}

export type ConfigSpec<C> = { readonly [K in keyof C]: VarSpec<C[K]> & { readonly env: string } };

export function loadConfig<C>(spec: ConfigSpec<C>, env: Env = process.env): C {
  const problems: string[] = [];
  const out = {} as C;
  for (const key of Object.keys(spec) as Array<keyof C>) {
    const v = spec[key];
    let raw = env[v.env];
    const fileVar = `${v.env}_FILE`;
    if ((raw === undefined || raw === '') && v.secret === true && env[fileVar]) {
      try {
        raw = readFileSync(env[fileVar], 'utf8').trim();
      } catch {
        problems.push(`${fileVar}: cannot read the file it names`);
        continue;
      }
    }
    if (raw === undefined || raw === '') {
      if (v.default === undefined) problems.push(`${v.env}: required (${v.description})`);
      else out[key] = v.default;
      continue;
    }
    try {
      out[key] = v.parse(raw, v.env);
    } catch (err) {
      problems.push(err instanceof Error ? err.message : `${v.env}: invalid`);
    }
  }
  if (problems.length > 0) {
    throw new SwitchboardError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`);
  }
  return out;
}

// Parsers: each throws a message that starts with the variable name and never echoes the value.
export const str = (pattern?: RegExp, rule?: string) => (raw: string, name: string): string => {
  if (pattern && !pattern.test(raw)) throw new Error(`${name}: ${rule ?? `must match ${String(pattern)}`}`);
  return raw;
};

export const int = (min: number, max: number) => (raw: string, name: string): number => {
  if (!/^-?\d+$/.test(raw.trim())) throw new Error(`${name}: must be an integer between ${min} and ${max}`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`${name}: must be an integer between ${min} and ${max}`);
  return n;
};

export const oneOf = <T extends string>(values: readonly T[]) => (raw: string, name: string): T => {
  if (!(values as readonly string[]).includes(raw)) throw new Error(`${name}: must be one of ${values.join(', ')}`);
  return raw as T;
};

export const url = (protocols: readonly string[]) => (raw: string, name: string): string => {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`${name}: must be a URL (${protocols.join(' or ')})`);
  }
  if (!protocols.includes(u.protocol.replace(/:$/, ''))) throw new Error(`${name}: must be a URL (${protocols.join(' or ')})`);
  return raw;
};

/** Comma-separated host:port list (Kafka bootstrap servers). */
export const hostPorts = () => (raw: string, name: string): string[] => {
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const ok = parts.length > 0 && parts.every((p) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(p) || /^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(p));
  if (!ok) throw new Error(`${name}: must be a comma-separated list of host:port`);
  return parts;
};

export const bool = () => (raw: string, name: string): boolean => {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name}: must be true or false`);
};

export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

/** Settings every bus-attached process shares. */
export interface BusConfig {
  kafkaBrokers: string[];
  kafkaPartitions: number;
  topicPrefix: string;
  kafkaClientId: string;
  /** Which Kafka client library implements the bus (see the README's measurements). */
  kafkaClient: KafkaClientName;
  /** Short consumer-group timeouts: fast rebalances for tests and the demo. */
  kafkaFastGroups: boolean;
}

export const busConfigSpec = (clientId: string, defaultClient: KafkaClientName = 'kafkajs'): ConfigSpec<BusConfig> => ({
  kafkaBrokers: { env: 'KAFKA_BROKERS', parse: hostPorts(), description: 'Kafka bootstrap servers, host:port[,host:port]' },
  kafkaPartitions: { env: 'KAFKA_PARTITIONS', parse: int(1, 1024), default: 6, description: 'partitions of every topic' },
  topicPrefix: { env: 'KAFKA_TOPIC_PREFIX', parse: str(/^[a-zA-Z0-9._-]{0,80}$/, 'letters, digits, ".", "_", "-" only'), default: '', description: 'prefix for every topic name' },
  kafkaClientId: { env: 'KAFKA_CLIENT_ID', parse: str(/^[a-zA-Z0-9._-]{1,100}$/, 'letters, digits, ".", "_", "-" only'), default: clientId, description: 'Kafka client id' },
  kafkaClient: { env: 'KAFKA_CLIENT', parse: oneOf(KAFKA_CLIENTS), default: defaultClient, description: 'Kafka client library' },
  kafkaFastGroups: { env: 'KAFKA_FAST_GROUPS', parse: bool(), default: false, description: 'short consumer-group timeouts (tests, demo)' },
});

/** LOG_LEVEL, the same for every service. */
export const logLevelSpec: VarSpec<LogLevel> & { readonly env: string } = {
  env: 'LOG_LEVEL',
  parse: (raw, name) => {
    try {
      return parseLogLevel(raw);
    } catch {
      throw new Error(`${name}: must be one of debug, info, warn, error`);
    }
  },
  default: 'info',
  description: 'debug, info, warn or error',
};
