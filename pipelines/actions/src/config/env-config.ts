// The actions process's environment: the bus settings every processor shares, where the
// deployment file is, and an override of the store directory (a volume mount in Kubernetes).
import { busConfigSpec, loadConfig, parseLogLevel, str, type BusConfig, type ConfigSpec, type Env, type LogLevel } from '@switchboard/runtime';

export interface ActionsEnvConfig extends BusConfig {
  /** The deployment file (YAML/JSON); empty: built-in defaults (in-memory store, no orders, no webhooks). */
  configFile: string;
  /** Overrides store.dir of the file; empty: the file's value. */
  storeDir: string;
  logLevel: LogLevel;
}

const logLevel = (raw: string, name: string): LogLevel => {
  try {
    return parseLogLevel(raw);
  } catch {
    throw new Error(`${name}: must be one of debug, info, warn, error`);
  }
};

const actionsSpec: ConfigSpec<Omit<ActionsEnvConfig, keyof BusConfig>> = {
  configFile: { env: 'ACTIONS_CONFIG_FILE', parse: str(), default: '', description: 'actions deployment file: store, orders, webhooks, routes' },
  storeDir: { env: 'ACTIONS_STORE_DIR', parse: str(), default: '', description: 'directory of the built-in store journal (overrides store.dir)' },
  logLevel: { env: 'LOG_LEVEL', parse: logLevel, default: 'info', description: 'debug, info, warn or error' },
};

/** Loads and validates the environment; throws CONFIG_INVALID naming every bad variable. */
export function loadActionsEnv(env: Env = process.env): ActionsEnvConfig {
  return loadConfig<ActionsEnvConfig>({ ...busConfigSpec('switchboard-actions'), ...actionsSpec }, env);
}
