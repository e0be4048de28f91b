// ClickHouse clients: the HTTP server (production, CI's 18.16) and the in-process current engine
// (npm chdb through @clickhouse/client's `connection` hook) used as a second checker in tests.
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';

type ClientConnection = NonNullable<ClickHouseClientConfigOptions['connection']>;

export interface ServerClientOptions {
  readonly url: string;
  readonly user?: string;
  readonly password?: string;
  readonly requestTimeoutMs?: number;
}

/**
 * How String columns carry arbitrary bytes in a TabSeparated body. `raw`: as they are (the HTTP
 * server takes bytes). `escaped`: bytes >= 0x80 as `\xHH`, because chdb's connection decodes the
 * body as UTF-8 and would replace invalid sequences. Both engines read `\xHH` in TSV.
 */
export type BytesEncoding = 'raw' | 'escaped';

export function createServerClient(opts: ServerClientOptions): ClickHouseClient {
  return createClient({
    url: opts.url,
    username: opts.user ?? 'default',
    password: opts.password ?? '',
    request_timeout: opts.requestTimeoutMs ?? 30_000,
    max_open_connections: 16,
    // 18.16 closes idle keep-alive sockets after 3 s; reuse them only well before that.
    keep_alive: { enabled: true, idle_socket_ttl: 2000 },
    application: 'switchboard-warehouse',
    // Failures reach the caller as errors and are logged there once, without query text.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/** An in-process chdb engine bound to `path` (one data path per process: chdb's own rule). */
export async function createChdbClient(path: string): Promise<ClickHouseClient> {
  // Loaded on demand: the native addon is only needed where chdb is actually used.
  const { createChdbConnection } = await import('chdb/connection');
  // chdb 3.4 types its connection against @clickhouse/client-common 1.23.0 while the client
  // 1.23.1 bundles its own copy of those types; the shapes are the same at run time, only the
  // ClickHouseSettings declarations drifted, so the value is re-typed (not converted) here.
  const connection = createChdbConnection({ path }) as unknown as ClientConnection;
  return createClient({ connection, log: { level: ClickHouseLogLevel.OFF } });
}
