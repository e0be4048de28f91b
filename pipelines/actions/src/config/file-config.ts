// The actions deployment file (YAML or JSON): the built-in store, the orders data, the webhooks
// and the routing table. Validated in full at start-up; every problem names its key path and
// never a value (URLs and secrets may be sensitive). Relative paths are resolved against the
// file's own directory.
//
//   store:   { dir: ./data, fsync: true, customersFile: ../../packs/ecommerce/customers.yaml }
//   orders:  { file: ../../packs/ecommerce/orders.yaml }
//   webhooks:
//     helpdesk:
//       url: https://helpdesk.example/switchboard
//       timeoutMs: 5000
//       auth: { header: Authorization, scheme: Bearer, secretEnv: HELPDESK_TOKEN }
//   routes:  { create_ticket: helpdesk, update_crm: store, verify_identity: store, lookup.orders: orders }
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Routes } from '../routing';
import { NAME_PATTERN, parseRoutes } from '../routing';
import { isFields, readDataFile, throwIfProblems, type Fields } from '../store/data-file';
import { WEBHOOK_DEFAULTS } from '../webhook/webhook-connector';
import { CONNECTOR_KINDS, isConnectorKind, type ConnectorKind } from '../kinds';

export const STORE_CONNECTOR = 'store';
export const ORDERS_CONNECTOR = 'orders';

export interface WebhookAuthConfig {
  readonly header: string;
  /** Prefix of the header value, e.g. `Bearer`. */
  readonly scheme?: string;
  /** Exactly one of these names where the secret is: an environment variable, or a file. */
  readonly secretEnv?: string;
  readonly secretFile?: string;
}

export interface WebhookConfig {
  readonly name: string;
  readonly url: string;
  readonly kinds?: readonly ConnectorKind[];
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly retryAfterCapMs: number;
  readonly maxResponseBytes: number;
  readonly auth?: WebhookAuthConfig;
}

export interface ActionsFileConfig {
  readonly store: { readonly dir?: string; readonly fsync: boolean; readonly customersFile?: string };
  readonly orders: { readonly file?: string };
  readonly webhooks: readonly WebhookConfig[];
  /** Undefined when the file has none: the defaults apply (see defaultRoutes). */
  readonly routes?: Routes;
}

/** Without a routing table the built-in connectors serve what they can. */
export function defaultRoutes(config: ActionsFileConfig): Routes {
  return {
    create_ticket: STORE_CONNECTOR, update_crm: STORE_CONNECTOR, verify_identity: STORE_CONNECTOR,
    ...(config.orders.file === undefined ? {} : { [`lookup.${ORDERS_CONNECTOR}`]: ORDERS_CONNECTOR }),
  };
}

const INTS: ReadonlyArray<readonly [keyof typeof WEBHOOK_DEFAULTS, number, number]> = [
  ['timeoutMs', 1, 120_000], ['maxAttempts', 1, 10], ['backoffBaseMs', 0, 60_000], ['backoffMaxMs', 0, 300_000],
  ['retryAfterCapMs', 0, 300_000], ['maxResponseBytes', 1, 16 * 1024 * 1024],
];
const HEADER = /^[A-Za-z0-9-]{1,64}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function checkKeys(obj: Fields, known: readonly string[], path: string, problems: string[]): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) problems.push(`${path}.${k}: unknown option (known: ${known.join(', ')})`);
}

function section(raw: Fields, key: string, problems: string[]): Fields {
  const v = raw[key];
  if (v === undefined || v === null) return {};
  if (!isFields(v)) problems.push(`${key}: must be a mapping`);
  return isFields(v) ? v : {};
}

function pathOption(obj: Fields, key: string, path: string, baseDir: string, problems: string[]): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    problems.push(`${path}.${key}: must be a path`);
    return undefined;
  }
  return isAbsolute(v) ? v : resolve(baseDir, v);
}

function parseAuth(raw: unknown, path: string, problems: string[]): WebhookAuthConfig | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isFields(raw)) {
    problems.push(`${path}: must be a mapping`);
    return undefined;
  }
  checkKeys(raw, ['header', 'scheme', 'secretEnv', 'secretFile'], path, problems);
  const header = raw.header ?? 'Authorization';
  if (typeof header !== 'string' || !HEADER.test(header)) problems.push(`${path}.header: must be an HTTP header name`);
  if (raw.scheme !== undefined && (typeof raw.scheme !== 'string' || !/^[A-Za-z0-9-]{1,32}$/.test(raw.scheme))) problems.push(`${path}.scheme: must be a word such as Bearer`);
  const hasEnv = raw.secretEnv !== undefined;
  if (hasEnv === (raw.secretFile !== undefined)) problems.push(`${path}: set exactly one of secretEnv, secretFile`);
  if (hasEnv && (typeof raw.secretEnv !== 'string' || !ENV_NAME.test(raw.secretEnv))) problems.push(`${path}.secretEnv: must be an environment variable name`);
  if (raw.secretFile !== undefined && (typeof raw.secretFile !== 'string' || raw.secretFile === '')) problems.push(`${path}.secretFile: must be a path`);
  return {
    header: typeof header === 'string' ? header : 'Authorization',
    ...(typeof raw.scheme === 'string' ? { scheme: raw.scheme } : {}),
    ...(typeof raw.secretEnv === 'string' ? { secretEnv: raw.secretEnv } : {}),
    ...(typeof raw.secretFile === 'string' ? { secretFile: raw.secretFile } : {}),
  };
}

function parseWebhook(name: string, raw: unknown, baseDir: string, problems: string[]): WebhookConfig | undefined {
  const path = `webhooks.${name}`;
  if (!NAME_PATTERN.test(name)) problems.push(`${path}: the name must be lowercase letters, digits, "_" and "-", starting with a letter`);
  if (name === STORE_CONNECTOR || name === ORDERS_CONNECTOR) problems.push(`${path}: the name is taken by a built-in connector`);
  if (!isFields(raw)) {
    problems.push(`${path}: must be a mapping`);
    return undefined;
  }
  checkKeys(raw, ['url', 'kinds', 'auth', ...INTS.map(([k]) => k)], path, problems);
  let url = '';
  try {
    const u = new URL(typeof raw.url === 'string' ? raw.url : '');
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    url = u.toString();
  } catch {
    problems.push(`${path}.url: must be an http or https URL`);
  }
  const ints = {} as Record<keyof typeof WEBHOOK_DEFAULTS, number>;
  for (const [k, min, max] of INTS) {
    const v = raw[k] ?? WEBHOOK_DEFAULTS[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push(`${path}.${k}: must be an integer between ${min} and ${max}`);
    ints[k] = typeof v === 'number' ? v : WEBHOOK_DEFAULTS[k];
  }
  let kinds: ConnectorKind[] | undefined;
  if (raw.kinds !== undefined) {
    const list: unknown[] = Array.isArray(raw.kinds) ? raw.kinds as unknown[] : [];
    kinds = list.filter((k): k is ConnectorKind => typeof k === 'string' && isConnectorKind(k));
    if (list.length === 0 || kinds.length !== list.length) problems.push(`${path}.kinds: must be a non-empty list of ${CONNECTOR_KINDS.join(', ')}`);
  }
  const auth = parseAuth(raw.auth, `${path}.auth`, problems);
  const resolvedAuth = auth?.secretFile === undefined ? auth : { ...auth, secretFile: isAbsolute(auth.secretFile) ? auth.secretFile : resolve(baseDir, auth.secretFile) };
  return { name, url, ...ints, ...(kinds ? { kinds } : {}), ...(resolvedAuth ? { auth: resolvedAuth } : {}) };
}

/** Validates a parsed config; throws CONFIG_INVALID listing every problem. */
export function parseActionsConfig(raw: unknown, baseDir: string, source = 'actions config'): ActionsFileConfig {
  const problems: string[] = [];
  let top: Fields = {};
  if (isFields(raw)) top = raw;
  else if (raw !== undefined && raw !== null) problems.push('the file must hold a mapping');
  checkKeys(top, ['store', 'orders', 'webhooks', 'routes'], '(top level)', problems);
  const store = section(top, 'store', problems);
  checkKeys(store, ['dir', 'fsync', 'customersFile'], 'store', problems);
  if (store.fsync !== undefined && typeof store.fsync !== 'boolean') problems.push('store.fsync: must be true or false');
  const orders = section(top, 'orders', problems);
  checkKeys(orders, ['file'], 'orders', problems);
  const dir = pathOption(store, 'dir', 'store', baseDir, problems);
  const customersFile = pathOption(store, 'customersFile', 'store', baseDir, problems);
  const ordersFile = pathOption(orders, 'file', 'orders', baseDir, problems);
  const webhooks = Object.entries(section(top, 'webhooks', problems))
    .map(([name, w]) => parseWebhook(name, w, baseDir, problems))
    .filter((w): w is WebhookConfig => w !== undefined);
  const routes = top.routes === undefined ? undefined : parseRoutes(top.routes, 'routes', problems);
  throwIfProblems(problems, source);
  return {
    store: { fsync: store.fsync !== false, ...(dir ? { dir } : {}), ...(customersFile ? { customersFile } : {}) },
    orders: ordersFile ? { file: ordersFile } : {},
    webhooks,
    ...(routes ? { routes } : {}),
  };
}

export function loadActionsConfigFile(path: string): ActionsFileConfig {
  return parseActionsConfig(readDataFile(path), dirname(resolve(path)), path);
}
