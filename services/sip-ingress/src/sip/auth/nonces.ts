// Digest nonces that need no server-side table to check: base64url of the issue time and an
// HMAC of that time and the client's address under a per-process secret, so a nonce is only
// good from the address it was given to and for `lifetimeMs`. Replays within the lifetime are
// refused by remembering the highest nonce-count used per nonce (bounded: the oldest entries go
// first; a forgotten nonce only falls back to "stale", never to "accepted twice").
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type NonceCheck = 'valid' | 'stale' | 'invalid';

const MAX_TRACKED = 50_000;

export class NonceBook {
  private readonly secret = randomBytes(32);
  private readonly counts = new Map<string, number>();

  constructor(private readonly lifetimeMs: number, private readonly now: () => number = Date.now) {}

  issue(address: string): string {
    const issued = Buffer.alloc(8);
    issued.writeBigUInt64BE(BigInt(Math.floor(this.now())));
    return Buffer.concat([issued, this.mac(issued, address)]).toString('base64url');
  }

  /** Whether `nonce` was issued to `address` and is fresh; `nc` (hex) must grow with each use. */
  check(nonce: string, address: string, nc: string | undefined): NonceCheck {
    const raw = Buffer.from(nonce, 'base64url');
    if (raw.length !== 8 + 32) return 'invalid';
    const issued = raw.subarray(0, 8);
    if (!timingSafeEqual(raw.subarray(8), this.mac(issued, address))) return 'invalid';
    if (this.now() - Number(issued.readBigUInt64BE()) > this.lifetimeMs) return 'stale';
    const count = nc === undefined ? 0 : parseInt(nc, 16);
    if (!Number.isFinite(count)) return 'invalid';
    const last = this.counts.get(nonce);
    // Without qop there is no count: such a nonce is good once.
    if (last !== undefined && count <= last) return 'stale';
    this.counts.delete(nonce);
    this.counts.set(nonce, count);
    if (this.counts.size > MAX_TRACKED) this.counts.delete(this.counts.keys().next().value!);
    return 'valid';
  }

  private mac(issued: Buffer, address: string): Buffer {
    return createHmac('sha256', this.secret).update(issued).update(address).digest();
  }
}
