// One UDP datagram → one message (RFC 3261 §18.3): the header section ends at the first empty
// line; the body is Content-Length bytes after it, or the rest of the datagram when there is no
// Content-Length; octets beyond Content-Length are ignored (RFC 4475 dblreq); a Content-Length
// beyond the datagram is an error (clerr: 400). A datagram of only CRLFs is a keep-alive.
import type { SipLimits } from '../message/limits';
import { parseMessage, type ParseResult } from '../message/parse-message';
import { SipError } from '../message/sip-error';
import { declaredContentLength } from './content-length';

export type DatagramResult = ParseResult | { readonly ok: 'keepalive' };

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');

/** Where the header section ends: the index of the empty line's start and the body's start. */
export function findHeaderEnd(buf: Buffer, from = 0): { headEnd: number; bodyStart: number } | undefined {
  const crlf = buf.indexOf(CRLFCRLF, from);
  const lf = buf.indexOf(LFLF, from);
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { headEnd: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { headEnd: lf, bodyStart: lf + 2 };
  return undefined;
}

export function readDatagram(datagram: Buffer, limits: SipLimits): DatagramResult {
  let start = 0;
  while (start < datagram.length && (datagram[start] === 0x0d || datagram[start] === 0x0a)) start++;
  if (start === datagram.length) return { ok: 'keepalive' };
  const end = findHeaderEnd(datagram, start);
  const headEnd = end?.headEnd ?? datagram.length;
  if (headEnd - start > limits.maxHeaderBytes) return { ok: false, isRequest: true, error: new SipError('TOO_LARGE', `header section larger than ${limits.maxHeaderBytes} bytes`) };
  const head = datagram.toString('latin1', start, headEnd);
  const rest = end === undefined ? Buffer.alloc(0) : datagram.subarray(end.bodyStart);
  const parsed = parseMessage(head, rest, limits);
  if (!parsed.ok) return parsed;
  const { message } = parsed;
  const fail = (error: SipError): DatagramResult => ({ ok: false, isRequest: message.kind === 'request', headers: message.headers, error: message.kind === 'request' ? error : new SipError('UNPARSEABLE', error.detail) });
  if (end === undefined) return fail(new SipError('BAD_REQUEST', 'no empty line ends the header section'));
  let length: number | undefined;
  try {
    length = declaredContentLength(message.headers.fieldValues('content-length'), limits.maxBodyBytes);
  } catch (err) {
    if (err instanceof SipError) return fail(err);
    throw err;
  }
  if (length === undefined) {
    if (rest.length > limits.maxBodyBytes) return fail(new SipError('TOO_LARGE', `body larger than ${limits.maxBodyBytes} bytes`));
    return parsed;
  }
  if (length > rest.length) return fail(new SipError('BAD_REQUEST', 'Content-Length is larger than the datagram'));
  return { ok: true, message: { ...message, body: rest.subarray(0, length) } };
}
