// Identity verification against customer records (a pack's demo customers file, or records a
// deployment loads): the caller's claims must name a customer and match the method's secret.
// Nothing here logs or returns a claim; the output says only whether it matched and whom.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { VerifyIdentity } from '@switchboard/contracts';
import { failed, succeeded, type ConnectorOutcome } from '../connector';
import { DATE_RULE, isFields, listIn, readDataFile, requiredString, stringField, throwIfProblems } from './data-file';

/** Attributes a claim can be checked against. */
export const CLAIM_KEYS = ['customer_ref', 'phone', 'email', 'name', 'dob', 'pin', 'postcode'] as const;
export type ClaimKey = (typeof CLAIM_KEYS)[number];
/** Claims that find the customer, tried in this order. */
const IDENTIFYING: readonly ClaimKey[] = ['customer_ref', 'phone', 'email'];
/** Methods the built-in store can verify: the claim of the same name must match. */
export const VERIFY_METHODS = ['dob', 'pin', 'postcode'] as const;

export type CustomerRecord = Readonly<Partial<Record<ClaimKey, string>>> & { readonly customer_ref: string };

// How a claim and a record value are compared: spoken and typed forms differ in spacing,
// punctuation and case.
const NORMALIZE: Readonly<Record<ClaimKey, (v: string) => string>> = {
  customer_ref: (v) => v.replace(/[^0-9a-z]/gi, '').toUpperCase(),
  // With or without the country code ("+1 415…" / "415…"): the national part decides.
  phone: (v) => v.replace(/\D/g, '').slice(-10),
  email: (v) => v.trim().toLowerCase(),
  name: (v) => v.trim().toLowerCase().replace(/\s+/g, ' '),
  dob: (v) => v.replace(/\D/g, ''),
  pin: (v) => v.replace(/\D/g, ''),
  postcode: (v) => v.replace(/\s/g, '').toUpperCase(),
};

/** Compares digests in constant time, so response timing says nothing about how much of a PIN matched. */
function sameValue(key: ClaimKey, a: string, b: string): boolean {
  const h = (v: string): Buffer => createHash('sha256').update(NORMALIZE[key](v)).digest();
  return timingSafeEqual(h(a), h(b));
}

export function parseCustomers(data: unknown, file: string): CustomerRecord[] {
  const problems: string[] = [];
  const out: CustomerRecord[] = [];
  const refs = new Set<string>();
  listIn(data, 'customers', file, problems).forEach((raw, i) => {
    const path = `${file}: customers[${i}]`;
    if (!isFields(raw)) {
      problems.push(`${path}: must be a mapping`);
      return;
    }
    const record: Partial<Record<ClaimKey, string>> = {};
    for (const key of CLAIM_KEYS) {
      const value = key === 'customer_ref'
        ? requiredString(raw, key, path, problems)
        : stringField(raw, key, path, problems, key === 'dob' ? DATE_RULE : undefined);
      if (value !== undefined && value !== '') record[key] = value;
    }
    for (const key of Object.keys(raw)) {
      if (!(CLAIM_KEYS as readonly string[]).includes(key)) problems.push(`${path}.${key}: unknown field (known: ${CLAIM_KEYS.join(', ')})`);
    }
    const ref = record.customer_ref ?? '';
    if (ref !== '' && refs.has(NORMALIZE.customer_ref(ref))) problems.push(`${path}.customer_ref: duplicate customer_ref`);
    refs.add(NORMALIZE.customer_ref(ref));
    out.push({ ...record, customer_ref: ref });
  });
  throwIfProblems(problems, 'customers data');
  return out;
}

export function loadCustomersFile(path: string): CustomerRecord[] {
  return parseCustomers(readDataFile(path), path);
}

/**
 * Checks a VerifyIdentity against the records. `invalid`: the method is not one the store knows,
 * or a needed claim is missing. `rejected` (output verified=false): no such customer, or a claim
 * differs; the two are not told apart, so a caller cannot probe which customers exist.
 */
export function verifyIdentity(records: readonly CustomerRecord[], request: VerifyIdentity): ConnectorOutcome {
  const method = request.method as ClaimKey;
  if (!(VERIFY_METHODS as readonly string[]).includes(method)) return failed('invalid');
  const claims = request.claims;
  const secret = claims[method];
  if (secret === undefined || secret.trim() === '') return failed('invalid');
  const by = IDENTIFYING.find((k) => (claims[k] ?? '').trim() !== '');
  if (by === undefined) return failed('invalid');
  const customer = records.find((r) => r[by] !== undefined && sameValue(by, r[by], claims[by]!));
  const rejected = failed('rejected', { verified: 'false', method });
  if (customer === undefined) return rejected;
  for (const key of CLAIM_KEYS) {
    const claim = claims[key];
    if (claim === undefined || claim.trim() === '') continue;
    const known = customer[key];
    // A claim the record cannot confirm (no such attribute on file) fails closed.
    if (known === undefined || !sameValue(key, known, claim)) return rejected;
  }
  return succeeded({ verified: 'true', method, customer_ref: customer.customer_ref });
}
