// From, To, Contact, Route and Record-Route values (RFC 3261 §20, §25 name-addr / addr-spec):
// an optional display name, the URI (in angle brackets, or bare — then it cannot carry ';'
// parameters of its own), and the header's parameters.
import { parseParams } from './params';
import { SipError } from './sip-error';
import { endOfQuoted, isTokenChar, isWsp, skipWsp } from './sip-syntax';
import { parseUri, type Uri } from './uri';

export interface NameAddr {
  /** As written (quoted strings keep their quotes), '' when absent. */
  readonly displayName: string;
  readonly uri: Uri;
  readonly params: ReadonlyMap<string, string>;
}

export function parseNameAddr(value: string, what: string): NameAddr {
  const s = value.trim();
  let i = 0;
  let displayName = '';
  if (s.startsWith('"')) {
    const end = endOfQuoted(s, 0);
    if (end < 0) throw new SipError('BAD_REQUEST', `${what}: unterminated quoted display name`);
    displayName = s.slice(0, end);
    i = skipWsp(s, end);
    if (s[i] !== '<') throw new SipError('BAD_REQUEST', `${what}: a quoted display name must be followed by <URI>`);
  } else {
    // Either `token LWS token ... <uri>` or a bare addr-spec.
    const lt = s.indexOf('<');
    if (lt >= 0) {
      displayName = s.slice(0, lt).trim();
      for (let k = 0; k < displayName.length; k++) {
        const c = displayName.charCodeAt(k);
        if (!isTokenChar(c) && !isWsp(c)) throw new SipError('BAD_REQUEST', `${what}: display name must be tokens or a quoted string`);
      }
      i = lt;
    }
  }
  if (s[i] === '<') {
    const gt = s.indexOf('>', i);
    if (gt < 0) throw new SipError('BAD_REQUEST', `${what}: missing '>'`);
    const uri = parseUri(s.slice(i + 1, gt));
    return { displayName, uri, params: parseParams(s.slice(gt + 1), what) };
  }
  // addr-spec form: the URI ends at the first ';' (its parameters are the header's).
  const semi = s.indexOf(';');
  const rawUri = semi >= 0 ? s.slice(0, semi) : s;
  if (/[,?]/.test(rawUri)) throw new SipError('BAD_REQUEST', `${what}: a URI with ',', ';' or '?' must be in angle brackets`);
  return { displayName, uri: parseUri(rawUri.trim()), params: parseParams(semi >= 0 ? s.slice(semi) : '', what) };
}
