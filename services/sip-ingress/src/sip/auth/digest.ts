// HTTP Digest as SIP uses it (RFC 3261 §22.4, RFC 2617, RFC 7616 for SHA-256, RFC 8760 for SIP):
// the Authorization header's parameters read, and the expected response computed. qop=auth and
// the RFC 2069 form without qop are taken; auth-int (a hash of the body) is not offered.
import { createHash } from 'node:crypto';
import { endOfQuoted, isTokenChar, skipWsp } from '../message/sip-syntax';

export type DigestAlgorithm = 'MD5' | 'SHA-256';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];
const HASH: Readonly<Record<DigestAlgorithm, string>> = { MD5: 'md5', 'SHA-256': 'sha256' };

export interface DigestCredentials {
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  readonly uri: string;
  readonly response: string;
  readonly algorithm: DigestAlgorithm;
  readonly qop: 'auth' | undefined;
  readonly nc: string | undefined;
  readonly cnonce: string | undefined;
  readonly opaque: string | undefined;
}

/** `Digest a=b, c="d"` → the credentials, or why they cannot be used. */
export function parseDigest(header: string): DigestCredentials | string {
  const s = header.trim();
  const space = s.search(/\s/);
  if (space < 0 || s.slice(0, space).toLowerCase() !== 'digest') return 'not a Digest authorization';
  const params = new Map<string, string>();
  let i = skipWsp(s, space);
  while (i < s.length) {
    let j = i;
    while (j < s.length && isTokenChar(s.charCodeAt(j))) j++;
    const name = s.slice(i, j).toLowerCase();
    if (name === '') return 'malformed parameter';
    j = skipWsp(s, j);
    if (s[j] !== '=') return `parameter ${name} has no value`;
    j = skipWsp(s, j + 1);
    let value: string;
    if (s[j] === '"') {
      const end = endOfQuoted(s, j);
      if (end < 0) return `parameter ${name}: unterminated quoted string`;
      value = s.slice(j + 1, end - 1).replace(/\\(.)/g, '$1');
      j = end;
    } else {
      let k = j;
      while (k < s.length && isTokenChar(s.charCodeAt(k))) k++;
      value = s.slice(j, k);
      j = k;
    }
    if (params.has(name)) return `parameter ${name} repeated`;
    params.set(name, value);
    j = skipWsp(s, j);
    if (j < s.length && s[j] !== ',') return 'parameters must be separated by commas';
    i = skipWsp(s, j + 1);
  }
  const need = ['username', 'realm', 'nonce', 'uri', 'response'];
  const missing = need.find((n) => !params.has(n));
  if (missing) return `missing ${missing}`;
  const algorithmText = (params.get('algorithm') ?? 'MD5').toUpperCase();
  const algorithm = DIGEST_ALGORITHMS.find((a) => a === algorithmText);
  if (!algorithm) return 'unsupported algorithm';
  const qop = params.get('qop');
  if (qop !== undefined && qop.toLowerCase() !== 'auth') return 'unsupported qop';
  if (qop !== undefined && (!params.has('nc') || !params.has('cnonce'))) return 'qop without nc and cnonce';
  return {
    username: params.get('username')!, realm: params.get('realm')!, nonce: params.get('nonce')!, uri: params.get('uri')!,
    response: params.get('response')!.toLowerCase(), algorithm, qop: qop === undefined ? undefined : 'auth',
    nc: params.get('nc'), cnonce: params.get('cnonce'), opaque: params.get('opaque'),
  };
}

const h = (algorithm: DigestAlgorithm, text: string): string => createHash(HASH[algorithm]).update(text, 'utf8').digest('hex');

/** The response a client knowing `password` computes for `method` (RFC 7616 §3.4.1). */
export function expectedResponse(c: DigestCredentials, method: string, password: string): string {
  const ha1 = h(c.algorithm, `${c.username}:${c.realm}:${password}`);
  const ha2 = h(c.algorithm, `${method}:${c.uri}`);
  return c.qop === 'auth' ? h(c.algorithm, `${ha1}:${c.nonce}:${c.nc ?? ''}:${c.cnonce ?? ''}:auth:${ha2}`) : h(c.algorithm, `${ha1}:${c.nonce}:${ha2}`);
}
