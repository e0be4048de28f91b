// Which connector serves which action: a small typed table, validated once at start-up. Lookups
// are routed per lookup connector name (`lookup.orders`), since Lookup.connector names the data
// source the dialogue asks; the other kinds are routed by kind.
import { SwitchboardError } from '@switchboard/runtime';
import type { Connector } from './connector';
import { CONNECTOR_KINDS, GATEWAY_KINDS, isConnectorKind, type ActionKind, type ConnectorCall, type ConnectorKind } from './kinds';

export type LookupRouteKey = `lookup.${string}`;
export type RouteKey = Exclude<ConnectorKind, 'lookup'> | LookupRouteKey;
/** Route key → connector name. */
export type Routes = Readonly<Partial<Record<RouteKey, string>>>;

export const NAME_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
const NAME_RULE = 'lowercase letters, digits, "_" and "-", starting with a letter (at most 63)';

export interface ConnectorRouter {
  /** The connector that executes this call, or undefined when none is routed. */
  route(call: ConnectorCall): Connector | undefined;
  readonly connectors: readonly Connector[];
  readonly routes: Routes;
}

export function routeKeyOf(call: ConnectorCall): RouteKey {
  return call.kind === 'lookup' ? `lookup.${call.body.connector}` : call.kind;
}

/** The kind a route key serves, or a problem naming the key. */
function kindOfKey(key: string, path: string): { kind: ConnectorKind } | { problem: string } {
  if (key.startsWith('lookup.')) {
    const name = key.slice('lookup.'.length);
    return NAME_PATTERN.test(name) ? { kind: 'lookup' } : { problem: `${path}.${key}: the lookup connector name must be ${NAME_RULE}` };
  }
  if (key === 'lookup') return { problem: `${path}.lookup: lookups are routed per connector name, as lookup.<name> (e.g. lookup.orders)` };
  if (GATEWAY_KINDS.has(key as ActionKind)) return { problem: `${path}.${key}: ${key} is carried out by the gateway on the live call, not by a connector` };
  if (isConnectorKind(key)) return { kind: key };
  const known = CONNECTOR_KINDS.map((k) => (k === 'lookup' ? 'lookup.<name>' : k)).join(', ');
  return { problem: `${path}.${key}: not an action kind a connector executes (${known})` };
}

/** Checks the shape of a routing table read from config (unknown input); problems name the key. */
export function parseRoutes(raw: unknown, path: string, problems: string[]): Routes {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${path}: must be a mapping of action kind to connector name`);
    return {};
  }
  const routes: Partial<Record<RouteKey, string>> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const kind = kindOfKey(key, path);
    if ('problem' in kind) {
      problems.push(kind.problem);
      continue;
    }
    if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
      problems.push(`${path}.${key}: must be a connector name (${NAME_RULE})`);
      continue;
    }
    routes[key as RouteKey] = value;
  }
  return routes;
}

/**
 * Builds the router; throws CONFIG_INVALID listing every problem: a route naming an unknown
 * connector, a connector that does not execute the routed kind, two connectors with one name.
 */
export function createRouter(routes: Routes, connectors: readonly Connector[], path = 'routes'): ConnectorRouter {
  const problems: string[] = [];
  const byName = new Map<string, Connector>();
  for (const c of connectors) {
    if (byName.has(c.name)) problems.push(`connectors: two connectors are named "${c.name}"`);
    byName.set(c.name, c);
  }
  const table = new Map<RouteKey, Connector>();
  for (const [key, name] of Object.entries(routes) as Array<[RouteKey, string | undefined]>) {
    if (name === undefined) continue;
    const kind = kindOfKey(key, path);
    if ('problem' in kind) {
      problems.push(kind.problem);
      continue;
    }
    const connector = byName.get(name);
    if (connector === undefined) {
      problems.push(`${path}.${key}: no connector named "${name}" (known: ${[...byName.keys()].join(', ') || 'none'})`);
      continue;
    }
    if (!connector.kinds.has(kind.kind)) {
      problems.push(`${path}.${key}: connector "${name}" does not execute ${kind.kind} (it executes ${[...connector.kinds].join(', ')})`);
      continue;
    }
    table.set(key, connector);
  }
  if (problems.length > 0) throw new SwitchboardError('CONFIG_INVALID', `invalid action routing: ${problems.join('; ')}`);
  return {
    route: (call) => table.get(routeKeyOf(call)),
    connectors,
    routes,
  };
}
