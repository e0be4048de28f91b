// Responses built from the request's own header fields (RFC 3261 §8.2.6.2): every Via, From,
// To (with our tag added when it has none and the response is not 100), Call-ID and CSeq are
// copied byte for byte — header sections are latin1 strings, so nothing is re-encoded.
import type { Headers } from './header-block';

export interface ResponseOptions {
  /** Added to To when it carries no tag (not for 100 Trying). */
  readonly toTag?: string;
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
}

/** Canonical spellings of the fields we write. */
const ECHOED: readonly (readonly [string, string])[] = [['via', 'Via'], ['from', 'From'], ['to', 'To'], ['call-id', 'Call-ID'], ['cseq', 'CSeq']];

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 183: 'Session Progress', 200: 'OK', 202: 'Accepted',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout', 415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme', 420: 'Bad Extension', 481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected',
  483: 'Too Many Hops', 486: 'Busy Here', 487: 'Request Terminated', 488: 'Not Acceptable Here', 491: 'Request Pending',
  500: 'Server Internal Error', 501: 'Not Implemented', 503: 'Service Unavailable', 505: 'Version Not Supported', 513: 'Message Too Large',
};

/** A reason phrase safe on the wire: printable ASCII only, bounded. */
export function reasonPhrase(status: number, detail?: string): string {
  const text = detail ?? REASON_PHRASES[status] ?? 'Unknown';
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

export function hasTag(toValue: string): boolean {
  // The tag is a header parameter: after the URI's closing '>' when there is one.
  const gt = toValue.lastIndexOf('>');
  return /;\s*tag\s*=/i.test(gt >= 0 ? toValue.slice(gt) : toValue);
}

export function buildResponse(request: Headers, status: number, reason: string, options: ResponseOptions = {}): Buffer {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const [name, display] of ECHOED) {
    // Every Via; of the single-valued fields only the first (a 400 for a repeated CSeq must not
    // repeat it and be malformed itself).
    const values = name === 'via' ? request.fieldValues(name) : request.fieldValues(name).slice(0, 1);
    for (const value of values) {
      const withTag = name === 'to' && status !== 100 && options.toTag !== undefined && !hasTag(value) ? `${value};tag=${options.toTag}` : value;
      lines.push(`${display}: ${withTag}`);
    }
  }
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value}`);
  const body = options.body ?? Buffer.alloc(0);
  lines.push(`Content-Length: ${body.length}`, '', '');
  const head = Buffer.from(lines.join('\r\n'), 'latin1');
  return body.length === 0 ? head : Buffer.concat([head, body]);
}
