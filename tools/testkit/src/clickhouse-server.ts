// A private ClickHouse server (Debian's clickhouse-server 18.16) as a child process, for tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errorText, pingClickHouseOnce } from './http-probe';
import { freePorts } from './ports';
import { findBinary } from './prereqs';
import { describeExit, spawnManaged, tailFile } from './processes';

export interface StartClickHouseOptions {
  /** Holds config.xml, the data and the logs; created if missing, never deleted here. */
  readonly workDir: string;
  /** Readiness timeout (default 30 s). */
  readonly readyTimeoutMs?: number;
}

export interface ClickHouseServer {
  /** `http://127.0.0.1:PORT`, the value for CLICKHOUSE_URL (user default, no password). */
  readonly url: string;
  /** Native protocol port, for clickhouse-client. */
  readonly tcpPort: number;
  readonly readyMs: number;
  /** SIGKILL (SIGTERM would wait while clients hold connections). */
  stop(): Promise<void>;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clickHouseConfig(workDir: string, httpPort: number, tcpPort: number): string {
  const d = (sub: string): string => xmlEscape(`${join(workDir, sub)}/`);
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>${xmlEscape(join(workDir, 'log', 'clickhouse-server.log'))}</log>
    <errorlog>${xmlEscape(join(workDir, 'log', 'clickhouse-server.err.log'))}</errorlog>
    <size>50M</size>
    <count>1</count>
  </logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${d('data')}</path>
  <tmp_path>${d('tmp')}</tmp_path>
  <user_files_path>${d('user_files')}</user_files_path>
  <format_schema_path>${d('format_schemas')}</format_schema_path>
  <users_config>/etc/clickhouse-server/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
</yandex>
`;
}

export async function startClickHouse(opts: StartClickHouseOptions): Promise<ClickHouseServer> {
  const binary = findBinary('clickhouse-server', 'clickhouse-server');
  const workDir = resolve(opts.workDir);
  const readyTimeoutMs = opts.readyTimeoutMs ?? 30_000;
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(join(workDir, sub), { recursive: true });
  const [httpPort, tcpPort] = await freePorts(2);
  if (httpPort === undefined || tcpPort === undefined) throw new Error('could not pick free ports');
  const configFile = join(workDir, 'config.xml');
  writeFileSync(configFile, clickHouseConfig(workDir, httpPort, tcpPort));
  const url = `http://127.0.0.1:${httpPort}`;
  const stdoutFile = join(workDir, 'clickhouse.stdout.log');

  const started = Date.now();
  const proc = spawnManaged(binary, [`--config-file=${configFile}`], {
    cwd: workDir,
    outputFile: stdoutFile,
    pidFile: join(workDir, 'server.pid'),
  });
  const logs = (): string =>
    [stdoutFile, join(workDir, 'log', 'clickhouse-server.err.log')]
      .map((f) => `--- ${f} (tail) ---\n${tailFile(f)}`)
      .join('\n');

  const deadline = started + readyTimeoutMs;
  let last: string;
  for (;;) {
    if (!proc.isAlive()) {
      const info = await proc.exited;
      throw new Error(`ClickHouse server (work dir ${workDir}) ${describeExit(info)} before it was ready\n${logs()}`);
    }
    try {
      await pingClickHouseOnce(url, 1000);
      break;
    } catch (err) {
      last = errorText(err);
    }
    if (Date.now() >= deadline) {
      await proc.stop('SIGKILL', 0);
      throw new Error(`ClickHouse server at ${url} did not answer /ping within ${readyTimeoutMs} ms (last error: ${last})\n${logs()}`);
    }
    await delay(50);
  }
  const readyMs = Date.now() - started;

  return {
    url,
    tcpPort,
    readyMs,
    stop: async () => {
      await proc.stop('SIGKILL', 0);
    },
  };
}
