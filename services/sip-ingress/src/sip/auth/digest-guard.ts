// Digest authentication of new calls (RFC 3261 §22.2, a UAS: 401 + WWW-Authenticate). Every
// INVITE outside a dialog must carry credentials of a configured trunk user; without them (or
// with an expired nonce: stale=true) it is challenged, with wrong ones it is refused with 403 so
// a scanner learns nothing more. ACK and CANCEL are never challenged (§22.1); requests inside an
// authenticated dialog are not challenged again.
import { timingSafeEqual } from 'node:crypto';
import type { SipRequest } from '../message/message';
import { expectedResponse, parseDigest, type DigestAlgorithm } from './digest';
import { NonceBook } from './nonces';

export type AuthOutcome =
  | { readonly ok: true; readonly username: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly headers: [string, string][]; readonly reason: string };

export interface DigestSettings {
  readonly realm: string;
  /** user → password */
  readonly users: ReadonlyMap<string, string>;
  /** Offered in this order (RFC 8760: the preferred first). */
  readonly algorithms: readonly DigestAlgorithm[];
  readonly nonceLifetimeMs: number;
}

export class DigestGuard {
  readonly counters = { challenged: 0, refused: 0, accepted: 0 };
  private readonly nonces: NonceBook;

  constructor(private readonly settings: DigestSettings, now?: () => number) {
    this.nonces = new NonceBook(settings.nonceLifetimeMs, now);
  }

  check(request: SipRequest, address: string): AuthOutcome {
    const header = request.headers.fieldValues('authorization').find((v) => /^\s*digest\s/i.test(v));
    if (header === undefined) return this.challenge(address, false, 'no credentials');
    const c = parseDigest(header);
    if (typeof c === 'string') return this.refuse(`bad credentials: ${c}`);
    if (c.realm !== this.settings.realm || !this.settings.algorithms.includes(c.algorithm)) return this.challenge(address, false, 'other realm or algorithm');
    const password = this.settings.users.get(c.username);
    const nonce = this.nonces.check(c.nonce, address, c.nc);
    if (nonce === 'invalid') return this.challenge(address, false, 'unknown nonce');
    if (password === undefined) return this.refuse('unknown user');
    const expected = Buffer.from(expectedResponse(c, request.method, password));
    const given = Buffer.from(c.response);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return this.refuse('wrong response');
    if (nonce === 'stale') return this.challenge(address, true, 'stale nonce');
    this.counters.accepted++;
    return { ok: true, username: c.username };
  }

  private challenge(address: string, stale: boolean, reason: string): AuthOutcome {
    this.counters.challenged++;
    const nonce = this.nonces.issue(address);
    const headers = this.settings.algorithms.map((algorithm): [string, string] => [
      'WWW-Authenticate',
      `Digest realm="${this.settings.realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`,
    ]);
    return { ok: false, status: 401, headers, reason };
  }

  private refuse(reason: string): AuthOutcome {
    this.counters.refused++;
    return { ok: false, status: 403, headers: [], reason };
  }
}
