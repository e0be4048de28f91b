// The warehouse sink's configuration: typed, validated once at start-up. A bad value fails with
// the variable's name and the rule, never the value (CLICKHOUSE_PASSWORD is a secret).
import { busConfigSpec, int, loadConfig, logLevelSpec, str, url, type BusConfig, type ConfigSpec, type Env, type LogLevel } from '@switchboard/runtime';

export interface WarehouseConfig extends BusConfig {
  clickhouseUrl: string;
  clickhouseDatabase: string;
  clickhouseUser: string;
  clickhousePassword: string;
  batchMaxRows: number;
  batchMaxWaitMs: number;
  httpPort: number;
  logLevel: LogLevel;
  /** Short Kafka session/rebalance timeouts (tests, demos): a restarted sink resumes in seconds. */
}

/** Database names are spliced into SQL as identifiers, so only this safe alphabet is accepted. */
export const DATABASE_NAME_PATTERN = /^[a-z0-9_]{1,64}$/;

const warehouseSpec: ConfigSpec<Omit<WarehouseConfig, keyof BusConfig>> = {
  clickhouseUrl: { env: 'CLICKHOUSE_URL', parse: url(['http', 'https']), description: 'ClickHouse HTTP endpoint, e.g. http://127.0.0.1:8123' },
  clickhouseDatabase: {
    env: 'CLICKHOUSE_DATABASE',
    parse: str(DATABASE_NAME_PATTERN, 'only a-z, 0-9 and _ (1 to 64 characters)'),
    default: 'switchboard',
    description: 'database holding the warehouse tables',
  },
  clickhouseUser: { env: 'CLICKHOUSE_USER', parse: str(/^[A-Za-z0-9_.@-]{1,128}$/, 'letters, digits, "_", ".", "@", "-" only'), default: 'default', description: 'ClickHouse user' },
  clickhousePassword: { env: 'CLICKHOUSE_PASSWORD', parse: str(), default: '', secret: true, description: 'ClickHouse password (or CLICKHOUSE_PASSWORD_FILE)' },
  batchMaxRows: { env: 'WAREHOUSE_BATCH_MAX_ROWS', parse: int(1, 1_000_000), default: 5000, description: 'rows per insert and table at most' },
  batchMaxWaitMs: { env: 'WAREHOUSE_BATCH_MAX_WAIT_MS', parse: int(1, 60_000), default: 500, description: 'longest a row waits to be batched' },
  httpPort: { env: 'WAREHOUSE_HTTP_PORT', parse: int(0, 65_535), default: 8081, description: 'port of /healthz, /readyz and /metrics' },
  logLevel: logLevelSpec,
};

/** Loads and validates the configuration; throws CONFIG_INVALID naming every bad variable. */
export function loadWarehouseConfig(env: Env = process.env): WarehouseConfig {
  // One call over both specs, so every problem is reported at once.
  return loadConfig<WarehouseConfig>({ ...busConfigSpec('switchboard-warehouse'), ...warehouseSpec }, env);
}
