// The connector port: something that executes one or more connector kinds against a system of
// record (a helpdesk webhook, the built-in store, an orders file) and answers with output fields
// or a failure from a closed set of reasons. Connectors never throw for expected failures; the
// processor turns an unexpected throw into `internal`.
import type { ConnectorCall, ConnectorKind } from './kinds';

/**
 * Why an action failed. Closed: the dialogue branches on these and the warehouse groups by them.
 * - timeout: the system did not answer in time (after retries)
 * - unavailable: network error, 5xx or 429 (after retries), or the store could not persist
 * - rejected: the system refused the request (other 4xx, identity claims not matching)
 * - invalid: the action lacks what the connector needs (missing claim/param, unknown operation)
 * - not_found: the record asked about does not exist (order number, 404)
 * - unauthorized: the system refused our credentials (401, 403)
 * - bad_response: a 2xx whose body is not the JSON object we expect
 * - not_configured: no connector is routed for this kind / lookup connector
 * - internal: a bug in a connector (it threw)
 */
export const FAILURE_REASONS = [
  'timeout', 'unavailable', 'rejected', 'invalid', 'not_found', 'unauthorized', 'bad_response', 'not_configured', 'internal',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export function isFailureReason(value: string): value is FailureReason {
  return (FAILURE_REASONS as readonly string[]).includes(value);
}

export type Output = Readonly<Record<string, string>>;

/** A failure may still carry output (e.g. `verified: "false"`); a success always does. */
export type ConnectorOutcome =
  | { readonly ok: true; readonly output: Output }
  | { readonly ok: false; readonly reason: FailureReason; readonly output?: Output };

export interface ConnectorRequest {
  /** The idempotency key: a redelivered action carries the same id. */
  readonly actionId: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly call: ConnectorCall;
}

export interface Connector {
  /** Routing names this connector; unique per deployment. */
  readonly name: string;
  readonly kinds: ReadonlySet<ConnectorKind>;
  execute(request: ConnectorRequest): Promise<ConnectorOutcome>;
  close?(): Promise<void>;
}

export const succeeded = (output: Output = {}): ConnectorOutcome => ({ ok: true, output });
export const failed = (reason: FailureReason, output?: Output): ConnectorOutcome =>
  output === undefined ? { ok: false, reason } : { ok: false, reason, output };
