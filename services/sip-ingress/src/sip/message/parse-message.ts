// One framed message (its header section as latin1 text, its body bytes) → a SipMessage, or
// the reason it is refused and what is needed to answer it. Checks run in the order that decides
// the answer: start line (400/505), header syntax, Via (needed to answer at all), repeated
// single-valued headers, missing mandatory headers, CSeq against the method, From/To/Contact.
import { parseCSeq } from './cseq';
import { Headers, parseHeaderBlock } from './header-block';
import type { SipLimits } from './limits';
import type { SipMessage } from './message';
import { parseNameAddr, type NameAddr } from './name-addr';
import { SipError } from './sip-error';
import { parseBoundedInt, splitOutside } from './sip-syntax';
import { parseStartLine } from './start-line';
import { parseUri } from './uri';
import { parseVias } from './via';

export type ParseResult =
  | { readonly ok: true; readonly message: SipMessage }
  | {
      readonly ok: false;
      readonly error: SipError;
      readonly isRequest: boolean;
      /** Present when the header section itself was readable: the answer echoes its Via, From, To, Call-ID and CSeq. */
      readonly headers?: Headers;
    };

/** Headers that may appear once only (RFC 3261 §7.3.1: the rest are comma lists). */
const SINGLE = ['call-id', 'from', 'to', 'cseq', 'max-forwards', 'content-length', 'content-type'] as const;
const MANDATORY = [['call-id', 'Call-ID'], ['from', 'From'], ['to', 'To'], ['cseq', 'CSeq']] as const;

export function parseMessage(head: string, body: Buffer, limits: SipLimits): ParseResult {
  const lines = head.split(/\r?\n/);
  let isRequest = true;
  let headers: Headers | undefined;
  try {
    // The header section first: a request whose start line is refused (400, 505) is still
    // answered, and the answer echoes these fields.
    isRequest = !/^SIP\//i.test(lines[0] ?? '');
    const block = parseHeaderBlock(lines.slice(1), limits);
    headers = new Headers(block.fields);
    const h = headers;
    const start = parseStartLine(lines[0] ?? '');
    const viaValues = h.fieldValues('via');
    if (viaValues.length === 0) throw new SipError('UNPARSEABLE', 'no Via');
    if (block.error !== undefined) throw block.error;
    const vias = parseVias(viaValues, limits.maxViaHops);
    for (const name of SINGLE) if (h.count(name) > 1) throw new SipError('BAD_REQUEST', `${name} appears more than once`);
    for (const [name, display] of MANDATORY) if (!h.has(name)) throw new SipError('BAD_REQUEST', `missing ${display}`);
    const callId = h.first('call-id')!;
    if (callId.length === 0 || /\s/.test(callId)) throw new SipError('BAD_REQUEST', 'Call-ID is empty or contains whitespace');
    const cseq = parseCSeq(h.first('cseq')!);
    const from = parseNameAddr(h.first('from')!, 'From');
    const to = parseNameAddr(h.first('to')!, 'To');
    if (start.kind === 'response') {
      return { ok: true, message: { kind: 'response', status: start.status, reason: start.reason, headers: h, vias, callId, cseq, from, to, body } };
    }
    if (cseq.method !== start.method) throw new SipError('BAD_REQUEST', 'CSeq method does not match the request method');
    const uri = parseUri(start.rawUri);
    if (uri.scheme !== 'other' && uri.scheme !== 'tel' && uri.hasHeaders) throw new SipError('BAD_REQUEST', 'Request-URI must not carry headers');
    const mf = h.first('max-forwards');
    const maxForwards = mf === undefined ? undefined : parseBoundedInt(mf, 255);
    if (mf !== undefined && maxForwards === undefined) throw new SipError('BAD_REQUEST', 'Max-Forwards is not an integer from 0 to 255');
    return {
      ok: true,
      message: { kind: 'request', method: start.method, uri, maxForwards, contacts: parseContacts(h.fieldValues('contact')), headers: h, vias, callId, cseq, from, to, body },
    };
  } catch (err) {
    if (!(err instanceof SipError)) throw err;
    // A malformed response is never answered; a request without a usable Via cannot be.
    const error = !isRequest ? new SipError('UNPARSEABLE', err.detail) : err;
    return headers !== undefined ? { ok: false, error, isRequest, headers } : { ok: false, error, isRequest };
  }
}

function parseContacts(values: readonly string[]): NameAddr[] | '*' {
  if (values.length === 1 && values[0]!.trim() === '*') return '*';
  const out: NameAddr[] = [];
  for (const value of values) {
    const parts = splitOutside(value, 0x2c);
    if (parts === undefined) throw new SipError('BAD_REQUEST', 'Contact: unbalanced quotes or angle brackets');
    for (const p of parts) out.push(parseNameAddr(p, 'Contact'));
  }
  return out;
}
