// Content-Length as framing needs it (RFC 3261 §18.3, §20.14): one value, digits only, within
// the body limit. A second field with another value, a negative or non-numeric value, or a body
// above the limit cannot be framed (RFC 4475 mcl01, ncl).
import { SipError } from '../message/sip-error';
import { parseBoundedInt } from '../message/sip-syntax';

/** The declared length, undefined when no Content-Length field is present. */
export function declaredContentLength(values: readonly string[], maxBodyBytes: number): number | undefined {
  if (values.length === 0) return undefined;
  const distinct = new Set(values.map((v) => v.trim()));
  if (distinct.size > 1) throw new SipError('BAD_REQUEST', 'Content-Length appears with different values');
  const text = [...distinct][0] ?? '';
  const n = parseBoundedInt(text, Number.MAX_SAFE_INTEGER);
  if (n === undefined) throw new SipError('BAD_REQUEST', 'Content-Length is not a non-negative integer');
  if (n > maxBodyBytes) throw new SipError('TOO_LARGE', `body larger than ${maxBodyBytes} bytes`);
  return n;
}
