// The actions processor's environment: where the deployment file is, and an override of the
// store directory (a volume mount in Kubernetes). The pipeline host (pipelines/host) reads these
// with its own settings when it runs the actions processor.
import { str, type ConfigSpec } from '@switchboard/runtime';

export interface ActionsEnvConfig {
  /** The deployment file (YAML/JSON); empty: built-in defaults (in-memory store, no orders, no webhooks). */
  configFile: string;
  /** Overrides store.dir of the file; empty: the file's value. */
  storeDir: string;
}

export const actionsEnvSpec: ConfigSpec<ActionsEnvConfig> = {
  configFile: { env: 'ACTIONS_CONFIG_FILE', parse: str(), default: '', description: 'actions deployment file: store, orders, webhooks, routes' },
  storeDir: { env: 'ACTIONS_STORE_DIR', parse: str(), default: '', description: 'directory of the built-in store journal (overrides store.dir)' },
};
