// What the built-in store keeps: tickets and CRM fields, and the journal entry that records one
// executed action with its effect and outcome. Recovery replays entries through isStoreEntry.
import { createHash } from 'node:crypto';
import { isFailureReason, type FailureReason } from '../connector';
import { isFields } from './data-file';

export const STORE_KINDS = ['create_ticket', 'update_crm', 'verify_identity'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface Ticket {
  readonly number: string;
  readonly actionId: string;
  readonly conversationId: string;
  readonly subject: string;
  readonly body: string;
  readonly priority: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly createdAtMs: number;
}

export interface CrmChange {
  readonly customerRef: string;
  /** Merged into the customer's fields; an empty value removes the field. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface StoreEntry {
  readonly v: 1;
  readonly tenantId: string;
  readonly actionId: string;
  readonly kind: StoreKind;
  readonly atMs: number;
  readonly ok: boolean;
  readonly reason?: FailureReason;
  readonly output: Readonly<Record<string, string>>;
  readonly ticket?: Ticket;
  readonly crm?: CrmChange;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32 of a digest: no I, L, O or U, so a number read out on a call is unambiguous. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31]!;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

export const TICKET_ID_LENGTH = 8;

/**
 * The ticket number for an action: `T-` and 8 characters derived from the tenant and action id,
 * so a redelivered action yields the same number. On the rare clash with another action's
 * ticket the id grows by a character; replay happens in journal order, so it stays stable.
 */
export function ticketNumber(tenantId: string, actionId: string, taken: (number: string) => boolean): string {
  const id = base32(createHash('sha256').update(`${tenantId}\u0000${actionId}`).digest());
  for (let len = TICKET_ID_LENGTH; len <= id.length; len++) {
    const number = `T-${id.slice(0, len)}`;
    if (!taken(number)) return number;
  }
  throw new Error('ticket number space exhausted');
}

const isStringMap = (v: unknown): v is Record<string, string> => isFields(v) && Object.values(v).every((x) => typeof x === 'string');
const isStr = (v: unknown): v is string => typeof v === 'string';

function isTicket(v: unknown): v is Ticket {
  return isFields(v) && isStr(v.number) && isStr(v.actionId) && isStr(v.conversationId) && isStr(v.subject) && isStr(v.body)
    && isStr(v.priority) && isStringMap(v.fields) && typeof v.createdAtMs === 'number';
}

function isCrmChange(v: unknown): v is CrmChange {
  return isFields(v) && isStr(v.customerRef) && isStringMap(v.fields);
}

/** A journal line the store can replay (anything else is skipped and counted at recovery). */
export function isStoreEntry(v: unknown): v is StoreEntry {
  return isFields(v) && v.v === 1 && isStr(v.tenantId) && isStr(v.actionId) && isStr(v.kind)
    && (STORE_KINDS as readonly string[]).includes(v.kind) && typeof v.atMs === 'number' && typeof v.ok === 'boolean'
    && (v.reason === undefined || (isStr(v.reason) && isFailureReason(v.reason))) && isStringMap(v.output)
    && (v.ticket === undefined || isTicket(v.ticket)) && (v.crm === undefined || isCrmChange(v.crm));
}
