// Shared test material: connector requests, a log capture and the pack's data files.
import { join } from 'node:path';
import { createLogger, type Logger } from '@switchboard/runtime';
import { findRepoRoot } from '@switchboard/testkit';
import type { ConnectorRequest } from '../src/connector';
import type { ConnectorCall } from '../src/kinds';

export const PACK_DIR = join(findRepoRoot(), 'packs', 'ecommerce');
export const ORDERS_FILE = join(PACK_DIR, 'orders.yaml');
export const CUSTOMERS_FILE = join(PACK_DIR, 'customers.yaml');

export function request(call: ConnectorCall, actionId = 'act-1', tenantId = 't1', conversationId = 'conv-1'): ConnectorRequest {
  return { actionId, tenantId, conversationId, call };
}

export const ticketCall = (subject = 'Broken earbuds', fields: Record<string, string> = { order_number: '100231' }): ConnectorCall =>
  ({ kind: 'create_ticket', body: { subject, body: 'Left earbud does not charge', priority: 'high', fields } });

export const crmCall = (customerRef: string, fields: Record<string, string>): ConnectorCall =>
  ({ kind: 'update_crm', body: { customerRef, fields } });

export const verifyCall = (method: string, claims: Record<string, string>): ConnectorCall =>
  ({ kind: 'verify_identity', body: { method, claims } });

export const lookupCall = (connector: string, operation: string, params: Record<string, string>): ConnectorCall =>
  ({ kind: 'lookup', body: { connector, operation, params } });

/** A logger at debug level whose lines are kept for assertions (e.g. that no PII was written). */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger('test', 'debug', (line) => lines.push(line)), lines };
}
