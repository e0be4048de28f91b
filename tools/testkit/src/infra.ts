// Kafka + ClickHouse + NATS for a test run: reuses servers named by env vars, else starts them.
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startClickHouse, type ClickHouseServer } from './clickhouse-server';
import { checkClickHouseEnv, checkKafkaEnv, checkNatsEnv } from './external';
import { startKafka, type KafkaServer } from './kafka-server';
import { startNats, type NatsServer } from './nats-server';
import { findRepoRoot, scratchRoot } from './paths';
import { cleanStaleRuns } from './stale';

export type Service = 'kafka' | 'clickhouse' | 'nats';
export const ALL_SERVICES: readonly Service[] = ['kafka', 'clickhouse', 'nats'];

export interface InfraOptions {
  /** Which servers are needed (default: all three). */
  readonly need?: readonly Service[];
  /** Where KAFKA_BROKERS / CLICKHOUSE_URL / CLICKHOUSE_TCP_PORT / NATS_URL are read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Progress lines ("kafka ready at … in 2.1 s"); silent by default. */
  readonly log?: (line: string) => void;
}

export interface Infra {
  /** KAFKA_BROKERS, CLICKHOUSE_URL, CLICKHOUSE_TCP_PORT (when known), NATS_URL: for the needed servers. */
  readonly env: Record<string, string>;
  /** Handles of the servers this call started (absent when reused from the environment). */
  readonly kafka?: KafkaServer;
  readonly clickhouse?: ClickHouseServer;
  readonly nats?: NatsServer;
  /** Stops the servers this call started and removes their work dir. Idempotent. */
  stop(): Promise<void>;
}

interface Started {
  readonly env: Record<string, string>;
  readonly stop: () => Promise<void>;
  readonly kafka?: KafkaServer;
  readonly clickhouse?: ClickHouseServer;
  readonly nats?: NatsServer;
}

let sequence = 0;

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

async function provide(service: Service, env: InfraOptions['env'], dir: string, log: (l: string) => void): Promise<Started> {
  const noop = (): Promise<void> => Promise.resolve();
  switch (service) {
    case 'kafka': {
      const given = nonEmpty(env?.KAFKA_BROKERS);
      if (given !== undefined) {
        await checkKafkaEnv(given);
        log(`kafka: using KAFKA_BROKERS=${given}`);
        return { env: { KAFKA_BROKERS: given }, stop: noop };
      }
      const kafka = await startKafka({ workDir: join(dir, 'kafka') });
      log(`kafka ready at ${kafka.brokers} in ${secs(kafka.readyMs)}`);
      return { env: { KAFKA_BROKERS: kafka.brokers }, stop: () => kafka.stop(), kafka };
    }
    case 'clickhouse': {
      const given = nonEmpty(env?.CLICKHOUSE_URL);
      if (given !== undefined) {
        await checkClickHouseEnv(given);
        log(`clickhouse: using CLICKHOUSE_URL=${given}`);
        const tcp = nonEmpty(env?.CLICKHOUSE_TCP_PORT);
        return { env: { CLICKHOUSE_URL: given, ...(tcp === undefined ? {} : { CLICKHOUSE_TCP_PORT: tcp }) }, stop: noop };
      }
      const clickhouse = await startClickHouse({ workDir: join(dir, 'clickhouse') });
      log(`clickhouse ready at ${clickhouse.url} (tcp ${clickhouse.tcpPort}) in ${secs(clickhouse.readyMs)}`);
      return {
        env: { CLICKHOUSE_URL: clickhouse.url, CLICKHOUSE_TCP_PORT: String(clickhouse.tcpPort) },
        stop: () => clickhouse.stop(),
        clickhouse,
      };
    }
    case 'nats': {
      const given = nonEmpty(env?.NATS_URL);
      if (given !== undefined) {
        await checkNatsEnv(given);
        log(`nats: using NATS_URL=${given}`);
        return { env: { NATS_URL: given }, stop: noop };
      }
      const nats = await startNats({ workDir: join(dir, 'nats') });
      log(`nats ready at ${nats.url} in ${secs(nats.readyMs)}`);
      return { env: { NATS_URL: nats.url }, stop: () => nats.stop(), nats };
    }
  }
}

function removeDir(dir: string, runDir: string): void {
  rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(runDir); // only when no other Infra of this process still uses it
  } catch {
    // not empty or already gone
  }
}

export async function startInfra(opts: InfraOptions = {}): Promise<Infra> {
  const need = [...new Set(opts.need ?? ALL_SERVICES)];
  const env = opts.env ?? process.env;
  const log = opts.log ?? ((): void => undefined);
  const scratch = scratchRoot(findRepoRoot());
  cleanStaleRuns(scratch);
  const runDir = join(scratch, `run-${process.pid}`);
  sequence += 1;
  const dir = join(runDir, `infra-${sequence}`);
  mkdirSync(dir, { recursive: true });

  const results = await Promise.allSettled(need.map((s) => provide(s, env, dir, log)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.allSettled(started.map((s) => s.stop()));
    removeDir(dir, runDir);
  };

  const failures: unknown[] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    await stopAll();
    const text = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n');
    throw new Error(`test infrastructure failed to start:\n${text}`);
  }

  let stopping: Promise<void> | undefined;
  return {
    env: Object.assign({}, ...started.map((s) => s.env)) as Record<string, string>,
    kafka: started.find((s) => s.kafka !== undefined)?.kafka,
    clickhouse: started.find((s) => s.clickhouse !== undefined)?.clickhouse,
    nats: started.find((s) => s.nats !== undefined)?.nats,
    stop: () => (stopping ??= stopAll()),
  };
}
