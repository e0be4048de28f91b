// Digest against the published vectors (RFC 2617 §3.5 for MD5, RFC 7616 §3.9.1 for SHA-256 and
// MD5), and the guard's decisions: challenge, accept, refuse, stale, replay.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectedResponse, parseDigest, type DigestCredentials } from '../../../src/sip/auth/digest';
import { DigestGuard } from '../../../src/sip/auth/digest-guard';
import { readDatagram } from '../../../src/sip/transport/datagram-framing';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import type { SipRequest } from '../../../src/sip/message/message';
import { invite } from '../../helpers/sip-text';

function creds(header: string): DigestCredentials {
  const c = parseDigest(header);
  if (typeof c === 'string') assert.fail(c);
  return c;
}

describe('digest responses', () => {
  it('RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const c = creds('Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41"');
    assert.equal(expectedResponse(c, 'GET', 'Circle Of Life'), '6629fae49393a05397450978507c4ef1');
  });

  it('RFC 7616 §3.9.1 (SHA-256 and MD5)', () => {
    const common = 'username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const sha = creds(`Digest ${common}, algorithm=SHA-256, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"`);
    assert.equal(expectedResponse(sha, 'GET', 'Circle of Life'), sha.response);
    const md5 = creds(`Digest ${common}, algorithm=MD5, response="8ca523f5e9506fed4657c9700eebdbec"`);
    assert.equal(expectedResponse(md5, 'GET', 'Circle of Life'), md5.response);
  });

  it('names what is wrong with unusable credentials', () => {
    assert.equal(parseDigest('Basic dXNlcjpwYXNz'), 'not a Digest authorization');
    assert.equal(parseDigest('Digest username="a", realm="r", nonce="n", uri="u"'), 'missing response');
    assert.equal(parseDigest('Digest username="a", realm="r", nonce="n", uri="u", response="x", algorithm=SHA-512-256'), 'unsupported algorithm');
    assert.equal(parseDigest('Digest realm="r", username="a'), 'parameter username: unterminated quoted string');
    assert.equal(parseDigest('Digest username="a, realm="r"'), 'parameters must be separated by commas');
    assert.equal(parseDigest('Digest username="a", username="b", realm="r", nonce="n", uri="u", response="x"'), 'parameter username repeated');
  });
});

function request(authorization?: string): SipRequest {
  let text = invite().toString('latin1');
  if (authorization !== undefined) text = text.replace('Max-Forwards: 70\r\n', `Max-Forwards: 70\r\nAuthorization: ${authorization}\r\n`);
  const parsed = readDatagram(Buffer.from(text, 'latin1'), DEFAULT_SIP_LIMITS);
  if (parsed.ok !== true || parsed.message.kind !== 'request') assert.fail('fixture did not parse');
  return parsed.message;
}

function answer(challenge: string, user: string, password: string, nc = '00000001', algorithm = 'MD5'): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
  const base = `Digest username="${user}", realm="trunks", nonce="${nonce}", uri="sip:switchboard@127.0.0.1", qop=auth, nc=${nc}, cnonce="abc", algorithm=${algorithm}`;
  const c = creds(`${base}, response="0"`);
  return `${base}, response="${expectedResponse(c, 'INVITE', password)}"`;
}

describe('DigestGuard', () => {
  const settings = { realm: 'trunks', users: new Map([['carrier1', 's3cret']]), algorithms: ['SHA-256', 'MD5'] as const, nonceLifetimeMs: 60_000 };

  it('challenges a request without credentials with one WWW-Authenticate per algorithm, preferred first', () => {
    const out = new DigestGuard({ ...settings, algorithms: [...settings.algorithms] }).check(request(), '10.0.0.1');
    assert.equal(out.ok, false);
    if (out.ok) return;
    assert.equal(out.status, 401);
    assert.deepEqual(out.headers.map(([, v]) => /algorithm=([^,]+)/.exec(v)![1]), ['SHA-256', 'MD5']);
  });

  it('accepts the right password, refuses a wrong one and a replayed nonce-count, and a nonce from elsewhere is challenged again', () => {
    let now = 1_000_000;
    const guard = new DigestGuard({ ...settings, algorithms: [...settings.algorithms] }, () => now);
    const first = guard.check(request(), '10.0.0.1');
    assert.ok(!first.ok);
    const challenge = first.headers[0]![1];
    for (const algorithm of ['SHA-256', 'MD5']) {
      const ok = guard.check(request(answer(challenge, 'carrier1', 's3cret', algorithm === 'MD5' ? '00000002' : '00000001', algorithm)), '10.0.0.1');
      assert.deepEqual(ok, { ok: true, username: 'carrier1' }, algorithm);
    }
    const wrong = guard.check(request(answer(challenge, 'carrier1', 'guess', '00000003')), '10.0.0.1');
    assert.ok(!wrong.ok && wrong.status === 403);
    const unknown = guard.check(request(answer(challenge, 'nobody', 's3cret', '00000004')), '10.0.0.1');
    assert.ok(!unknown.ok && unknown.status === 403);
    const replay = guard.check(request(answer(challenge, 'carrier1', 's3cret', '00000001')), '10.0.0.1');
    assert.ok(!replay.ok && replay.status === 401 && replay.headers[0]![1].includes('stale=true'), 'a used nonce-count is stale');
    const elsewhere = guard.check(request(answer(challenge, 'carrier1', 's3cret', '00000009')), '10.0.0.2');
    assert.ok(!elsewhere.ok && elsewhere.status === 401 && !elsewhere.headers[0]![1].includes('stale'), 'a nonce is bound to the address it was given to');
    now += 61_000;
    const late = guard.check(request(answer(challenge, 'carrier1', 's3cret', '0000000a')), '10.0.0.1');
    assert.ok(!late.ok && late.status === 401 && late.headers[0]![1].includes('stale=true'), 'an old nonce is stale');
  });
});
