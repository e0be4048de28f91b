// Helpers every integration test uses: the harness's env vars and collision-free names.
import { randomBytes } from 'node:crypto';

/**
 * The value of an env var the harness sets (KAFKA_BROKERS, CLICKHOUSE_URL, NATS_URL, …).
 * Throws, never skips: an integration test without its server must fail loudly.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`${name} is not set: integration tests need the harness; run them with npm test`);
  }
  return value.trim();
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomSuffix(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length] ?? 'x';
  return out;
}

/**
 * `prefix` + `_` + 8 random characters, using only [a-z0-9_] and starting with a letter, so the
 * same name is valid as a Kafka topic, a consumer group, a ClickHouse database or table, and a
 * NATS subject token. Other characters in the prefix become `_`; upper case becomes lower case.
 */
export function uniqueName(prefix: string): string {
  let clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (!/^[a-z]/.test(clean)) clean = `t_${clean}`;
  clean = clean.replace(/_+$/, '').slice(0, 100);
  return `${clean}_${randomSuffix(8)}`;
}
