// CSeq (RFC 3261 §20.16): a sequence number that fits in 32 bits unsigned (leading zeros
// allowed), LWS, the method.
import { SipError } from './sip-error';
import { isToken, parseBoundedInt } from './sip-syntax';

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

const MAX_CSEQ = 2 ** 32 - 1;

export function parseCSeq(value: string): CSeq {
  const m = /^(\S+)\s+(\S+)$/.exec(value.trim());
  if (!m) throw new SipError('BAD_REQUEST', 'CSeq: expected a number and a method');
  const seq = parseBoundedInt(m[1] ?? '', MAX_CSEQ);
  if (seq === undefined) throw new SipError('BAD_REQUEST', 'CSeq: number is not an integer below 2^32');
  const method = m[2] ?? '';
  if (!isToken(method)) throw new SipError('BAD_REQUEST', 'CSeq: method is not a token');
  return { seq, method };
}
