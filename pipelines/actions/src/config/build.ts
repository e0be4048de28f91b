// From a validated deployment file to running connectors and their router. Secrets are read,
// data files loaded and routes checked before anything is opened, so a bad configuration fails
// at start-up naming its keys, and leaves no journal directory behind.
import { createLogger, SwitchboardError, type Env, type Logger } from '@switchboard/runtime';
import type { Connector } from '../connector';
import { STORE_KINDS } from '../store/records';
import { createRouter, type ConnectorRouter, type Routes } from '../routing';
import { BuiltinStore } from '../store/builtin-store';
import { loadCustomersFile, type CustomerRecord } from '../store/identity';
import { createOrdersConnector, loadOrdersFile } from '../store/orders';
import { createWebhookConnector } from '../webhook/webhook-connector';
import { defaultRoutes, ORDERS_CONNECTOR, STORE_CONNECTOR, type ActionsFileConfig } from './file-config';
import { resolveWebhookAuth } from './secret';

export interface BuiltConnectors {
  readonly router: ConnectorRouter;
  /** The built-in store when a route uses it. */
  readonly store: BuiltinStore | undefined;
  /** Closes every connector (the store's journal). */
  close(): Promise<void>;
}

export interface BuildOptions {
  readonly env?: Env;
  readonly logger?: Logger;
  /** Overrides store.dir (ACTIONS_STORE_DIR). */
  readonly storeDir?: string;
}

export async function buildConnectors(config: ActionsFileConfig, opts: BuildOptions = {}): Promise<BuiltConnectors> {
  const env = opts.env ?? process.env;
  const logger = opts.logger ?? createLogger('actions', 'info');
  const routes: Routes = config.routes ?? defaultRoutes(config);
  const routed = new Set(Object.values(routes));
  const problems: string[] = [];
  const connectors: Connector[] = [];
  for (const w of config.webhooks) {
    const path = `webhooks.${w.name}`;
    const auth = w.auth === undefined ? undefined : resolveWebhookAuth(w.auth, env, `${path}.auth`, problems);
    if (!routed.has(w.name)) logger.warn('webhook has no route, it will not be called', { connector: w.name });
    connectors.push(createWebhookConnector({
      name: w.name, url: w.url, timeoutMs: w.timeoutMs, maxAttempts: w.maxAttempts, backoffBaseMs: w.backoffBaseMs,
      backoffMaxMs: w.backoffMaxMs, retryAfterCapMs: w.retryAfterCapMs, maxResponseBytes: w.maxResponseBytes, logger,
      ...(w.kinds ? { kinds: new Set(w.kinds) } : {}), ...(auth ? { auth } : {}),
    }));
  }
  if (problems.length > 0) throw new SwitchboardError('CONFIG_INVALID', `invalid actions config: ${problems.join('; ')}`);
  if (config.orders.file !== undefined) connectors.push(createOrdersConnector(loadOrdersFile(config.orders.file), ORDERS_CONNECTOR));
  const customers: CustomerRecord[] = config.store.customersFile === undefined ? [] : loadCustomersFile(config.store.customersFile);
  // Routes are checked against a stand-in for the store first, so a bad table opens no journal.
  const storeStandIn: Connector = { name: STORE_CONNECTOR, kinds: new Set(STORE_KINDS), execute: () => Promise.reject(new Error('stand-in')) };
  createRouter(routes, [...connectors, storeStandIn]);

  let store: BuiltinStore | undefined;
  if (routed.has(STORE_CONNECTOR)) {
    const dir = opts.storeDir ?? config.store.dir;
    if (dir === undefined) logger.warn('the built-in store is in memory: tickets and CRM updates are lost on restart (set store.dir or ACTIONS_STORE_DIR)');
    if (customers.length === 0 && routes.verify_identity === STORE_CONNECTOR) {
      logger.warn('verify_identity is routed to the store but no customers file is configured: every verification is rejected');
    }
    store = await BuiltinStore.open({ name: STORE_CONNECTOR, customers, fsync: config.store.fsync, logger, ...(dir === undefined ? {} : { dir }) });
    connectors.push(store);
  }
  const router = createRouter(routes, connectors);
  logger.info('action routes', Object.fromEntries(Object.entries(routes).map(([k, v]) => [`route.${k}`, v])));
  return {
    router,
    store,
    close: async () => {
      await Promise.all(connectors.map((c) => (c.close ? c.close() : Promise.resolve())));
    },
  };
}
