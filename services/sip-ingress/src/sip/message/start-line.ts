// Request-Line and Status-Line (RFC 3261 §7.1, §7.2): exactly one SP between the parts, no
// leading or trailing whitespace (RFC 4475 lwsstart, trws, lwsruri are refused with 400), a SIP
// version other than 2.0 answered with 505.
import { SipError } from './sip-error';
import { isToken } from './sip-syntax';

export type StartLine =
  | { readonly kind: 'request'; readonly method: string; readonly rawUri: string }
  | { readonly kind: 'response'; readonly status: number; readonly reason: string };

const VERSION = /^SIP\/(\d+)\.(\d+)$/i;

export function parseStartLine(line: string): StartLine {
  if (/^SIP\//i.test(line)) {
    const m = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/s.exec(line);
    if (!m) throw new SipError('UNPARSEABLE', 'malformed status line');
    return { kind: 'response', status: Number(m[1]), reason: m[2] ?? '' };
  }
  const parts = line.split(' ');
  if (parts.length !== 3 || parts.some((p) => p.length === 0) || /[\t\r\n]/.test(line)) {
    throw new SipError('BAD_REQUEST', 'request line must be Method SP Request-URI SP SIP-Version');
  }
  const [method = '', rawUri = '', version = ''] = parts;
  if (!isToken(method)) throw new SipError('BAD_REQUEST', 'method is not a token');
  const v = VERSION.exec(version);
  if (!v) throw new SipError('BAD_REQUEST', 'request line has no SIP version');
  if (Number(v[1]) !== 2 || Number(v[2]) !== 0) throw new SipError('VERSION_NOT_SUPPORTED', 'only SIP/2.0 is supported');
  return { kind: 'request', method, rawUri };
}
