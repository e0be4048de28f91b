// The header section of a message as an ordered list of fields: lines unfolded (a line that
// starts with SP/HTAB continues the previous one, RFC 3261 §7.3.1), names matched without case
// and compact forms expanded (`i` → call-id), values trimmed but otherwise untouched.
import { SipError } from './sip-error';
import { isToken, isWsp } from './sip-syntax';

export interface HeaderField {
  /** Lower-case full name: `call-id` for `Call-ID`, `i` or `CALL-id`. */
  readonly name: string;
  readonly value: string;
}

/** RFC 3261 §7.3.3 and the extensions in common use (RFC 3265, 3515, 3892, 4028, 3841). */
const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id', m: 'contact', e: 'content-encoding', l: 'content-length', c: 'content-type',
  f: 'from', s: 'subject', k: 'supported', t: 'to', v: 'via', o: 'event', r: 'refer-to',
  b: 'referred-by', u: 'allow-events', x: 'session-expires', a: 'accept-contact', j: 'reject-contact', d: 'request-disposition',
};

export interface HeaderLimits {
  readonly maxHeaders: number;
  readonly maxLineBytes: number;
}

/**
 * Parses the lines after the start line (without the blank line that ends them). A line that is
 * not a header is skipped and reported as `error`, so a 400 can still echo the fields that were
 * readable; limits throw (nothing more is read).
 */
export function parseHeaderBlock(lines: readonly string[], limits: HeaderLimits): { fields: HeaderField[]; error: SipError | undefined } {
  const fields: HeaderField[] = [];
  let error: SipError | undefined;
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name === undefined) return;
    if (fields.length >= limits.maxHeaders) throw new SipError('TOO_LARGE', `more than ${limits.maxHeaders} header fields`);
    fields.push({ name, value: value.trim() });
  };
  for (const line of lines) {
    if (line.length > limits.maxLineBytes) throw new SipError('TOO_LARGE', `a header line is longer than ${limits.maxLineBytes} bytes`);
    if (line.length > 0 && isWsp(line.charCodeAt(0))) {
      if (name === undefined) {
        error ??= new SipError('BAD_REQUEST', 'continuation line before any header');
        continue;
      }
      value += ` ${line.trim()}`;
      if (value.length > limits.maxLineBytes) throw new SipError('TOO_LARGE', `a folded header is longer than ${limits.maxLineBytes} bytes`);
      continue;
    }
    flush();
    name = undefined;
    const colon = line.indexOf(':');
    const rawName = colon < 0 ? '' : line.slice(0, colon).trimEnd();
    if (colon < 0 || !isToken(rawName)) {
      error ??= new SipError('BAD_REQUEST', colon < 0 ? 'header line without a colon' : 'header name is not a token');
      continue;
    }
    const lower = rawName.toLowerCase();
    name = COMPACT[lower] ?? lower;
    value = line.slice(colon + 1);
  }
  flush();
  return { fields, error };
}

/** Header fields by name, in message order; the raw values stay available for echoing. */
export class Headers {
  constructor(readonly fields: readonly HeaderField[]) {}

  /** Every value of `name` (lower-case full name), in order, each field as one entry. */
  fieldValues(name: string): string[] {
    const out: string[] = [];
    for (const f of this.fields) if (f.name === name) out.push(f.value);
    return out;
  }

  first(name: string): string | undefined {
    for (const f of this.fields) if (f.name === name) return f.value;
    return undefined;
  }

  has(name: string): boolean {
    return this.first(name) !== undefined;
  }

  count(name: string): number {
    let n = 0;
    for (const f of this.fields) if (f.name === name) n++;
    return n;
  }
}
