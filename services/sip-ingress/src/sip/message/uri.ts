// SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966), enough for routing and replies: the user
// part and parameters %-decoded (escapes mean something only inside URIs, RFC 3261 §19.1.4), the
// host checked, everything else kept raw. Any other scheme parses as `other` so the UAS can answer
// 416 Unsupported URI Scheme instead of 400.
import { SipError } from './sip-error';
import { parseBoundedInt } from './sip-syntax';

export type Uri =
  | {
      readonly scheme: 'sip' | 'sips';
      /** %-decoded; undefined when the URI has no user part. */
      readonly user: string | undefined;
      readonly host: string;
      readonly port: number | undefined;
      /** Lower-case names, %-decoded values; a parameter without a value maps to ''. */
      readonly params: ReadonlyMap<string, string>;
      readonly hasHeaders: boolean;
      readonly raw: string;
    }
  | { readonly scheme: 'tel'; readonly number: string; readonly raw: string }
  | { readonly scheme: 'other'; readonly name: string; readonly raw: string };

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_REFERENCE = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** %HH → the byte (as a latin1 character); a '%' not followed by two hex digits stays as it is. */
export function unescapePercent(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function isValidHost(host: string): boolean {
  return IPV4.test(host) || IPV6_REFERENCE.test(host) || HOSTNAME.test(host);
}

export function parseUri(raw: string): Uri {
  if (raw.length === 0 || /[\s<>"]/.test(raw)) throw new SipError('BAD_REQUEST', 'URI contains whitespace, quotes or angle brackets');
  const colon = raw.indexOf(':');
  const scheme = colon > 0 ? raw.slice(0, colon) : '';
  if (!SCHEME.test(scheme)) throw new SipError('BAD_REQUEST', 'URI has no valid scheme');
  const lower = scheme.toLowerCase();
  const rest = raw.slice(colon + 1);
  if (lower === 'tel') return { scheme: 'tel', number: unescapePercent(rest.split(';')[0] ?? ''), raw };
  if (lower !== 'sip' && lower !== 'sips') return { scheme: 'other', name: lower, raw };

  const at = rest.indexOf('@');
  let user: string | undefined;
  let hostPart = rest;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const passwordAt = userinfo.indexOf(':');
    user = unescapePercent(passwordAt >= 0 ? userinfo.slice(0, passwordAt) : userinfo);
    if (user.length === 0) throw new SipError('BAD_REQUEST', 'URI has an empty user part');
    hostPart = rest.slice(at + 1);
  }
  const question = hostPart.indexOf('?');
  const hasHeaders = question >= 0;
  const beforeHeaders = hasHeaders ? hostPart.slice(0, question) : hostPart;
  const [hostport = '', ...paramList] = beforeHeaders.split(';');
  const { host, port } = splitHostPort(hostport);
  const params = new Map<string, string>();
  for (const p of paramList) {
    if (p.length === 0) continue;
    const eq = p.indexOf('=');
    const name = unescapePercent(eq >= 0 ? p.slice(0, eq) : p).toLowerCase();
    if (name.length === 0) throw new SipError('BAD_REQUEST', 'URI parameter without a name');
    params.set(name, eq >= 0 ? unescapePercent(p.slice(eq + 1)) : '');
  }
  return { scheme: lower, user, host, port, params, hasHeaders, raw };
}

export function splitHostPort(hostport: string): { host: string; port: number | undefined } {
  let host = hostport;
  let portText: string | undefined;
  if (hostport.startsWith('[')) {
    const close = hostport.indexOf(']');
    if (close < 0) throw new SipError('BAD_REQUEST', 'unterminated IPv6 reference');
    host = hostport.slice(0, close + 1);
    const after = hostport.slice(close + 1);
    if (after.length > 0) {
      if (!after.startsWith(':')) throw new SipError('BAD_REQUEST', 'bad text after an IPv6 reference');
      portText = after.slice(1);
    }
  } else {
    const c = hostport.lastIndexOf(':');
    if (c >= 0) {
      host = hostport.slice(0, c);
      portText = hostport.slice(c + 1);
    }
  }
  if (!isValidHost(host)) throw new SipError('BAD_REQUEST', 'URI host is not a host name or IP address');
  let port: number | undefined;
  if (portText !== undefined) {
    port = parseBoundedInt(portText, 65535);
    if (port === undefined) throw new SipError('BAD_REQUEST', 'URI port is not a number up to 65535');
  }
  return { host: host.toLowerCase(), port };
}
