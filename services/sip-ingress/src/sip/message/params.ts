// Header parameters (`;tag=abc;lr;received=192.0.2.1`, RFC 3261 §25 generic-param), with the
// LWS the grammar allows around ';' and '='. Names are lower-cased; values keep their case (a
// quoted value keeps its quotes).
import { SipError } from './sip-error';
import { endOfQuoted, isToken, splitOutside } from './sip-syntax';

/** Parses `;a=b;c` (the text from the first ';'; '' for none). */
export function parseParams(text: string, what: string): Map<string, string> {
  const params = new Map<string, string>();
  const trimmed = text.trim();
  if (trimmed.length === 0) return params;
  if (!trimmed.startsWith(';')) throw new SipError('BAD_REQUEST', `${what}: unexpected text before its parameters`);
  const parts = splitOutside(trimmed.slice(1), 0x3b);
  if (parts === undefined) throw new SipError('BAD_REQUEST', `${what}: unbalanced quotes in parameters`);
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq >= 0 ? part.slice(0, eq) : part).trim();
    if (!isToken(name)) throw new SipError('BAD_REQUEST', `${what}: empty or invalid parameter name`);
    let value = '';
    if (eq >= 0) {
      value = part.slice(eq + 1).trim();
      const quoted = value.startsWith('"');
      if (quoted ? endOfQuoted(value, 0) !== value.length : !isParamValue(value)) {
        throw new SipError('BAD_REQUEST', `${what}: invalid value of parameter ${name.toLowerCase()}`);
      }
    }
    params.set(name.toLowerCase(), value);
  }
  return params;
}

/** token, host (IPv6 references included) — what an unquoted gen-value may be. */
function isParamValue(v: string): boolean {
  if (v.length === 0) return false;
  if (v.startsWith('[') && v.endsWith(']')) return /^\[[0-9A-Fa-f:.]+\]$/.test(v);
  return isToken(v);
}
