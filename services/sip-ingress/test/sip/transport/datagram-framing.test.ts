// One datagram, one message: Content-Length against the datagram's bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import { readDatagram, type DatagramResult } from '../../../src/sip/transport/datagram-framing';
import { invite, SDP_OFFER, sipText } from '../../helpers/sip-text';

const read = (b: Buffer): DatagramResult => readDatagram(b, DEFAULT_SIP_LIMITS);
const HEADERS = [
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1', 'From: <sip:a@carrier.test>;tag=1', 'To: <sip:b@switchboard.test>',
  'Call-ID: d1', 'CSeq: 1 INVITE', 'Content-Type: application/sdp',
];
const withLength = (cl: string | null, body = SDP_OFFER): Buffer => sipText(['INVITE sip:b@switchboard.test SIP/2.0', ...HEADERS, ...(cl === null ? [] : [`Content-Length: ${cl}`])], body);

function status(r: DatagramResult): number {
  if (r.ok !== false) assert.fail('accepted');
  return r.error.status;
}

void test('the body is Content-Length bytes; octets after it are ignored', () => {
  const r = read(Buffer.concat([invite(), Buffer.from('INVITE sip:other@x.test SIP/2.0\r\n\r\n')]));
  assert.ok(r.ok === true);
  assert.equal(r.message.body.toString('latin1'), SDP_OFFER);
});

void test('without Content-Length the body is the rest of the datagram', () => {
  const r = read(withLength(null));
  assert.ok(r.ok === true);
  assert.equal(r.message.body.toString('latin1'), SDP_OFFER);
});

void test('Content-Length beyond the datagram, negative, not a number or given twice differently → 400 with headers to answer', () => {
  for (const cl of ['9999', '-999', 'abc']) {
    const r = read(withLength(cl));
    assert.equal(status(r), 400, cl);
    assert.ok(r.ok === false && r.headers !== undefined);
  }
  const twice = read(sipText(['INVITE sip:b@switchboard.test SIP/2.0', ...HEADERS, 'Content-Length: 3', 'l: 4'], 'abcd'));
  assert.equal(status(twice), 400);
});

void test('a body above the limit → 513; a header section that never ends → 400', () => {
  const big = 'x'.repeat(DEFAULT_SIP_LIMITS.maxBodyBytes + 1);
  assert.equal(status(read(withLength(String(big.length), big))), 513);
  assert.equal(status(read(withLength(null, big))), 513);
  const unterminated = Buffer.from(['OPTIONS sip:b@switchboard.test SIP/2.0', ...HEADERS].join('\r\n'), 'latin1');
  assert.equal(status(read(unterminated)), 400);
});

void test('CRLF-only datagrams are keep-alives; leading CRLFs before a message are skipped', () => {
  assert.deepEqual(read(Buffer.from('\r\n\r\n')), { ok: 'keepalive' });
  const r = read(Buffer.concat([Buffer.from('\r\n'), invite()]));
  assert.ok(r.ok === true && r.message.kind === 'request');
});

void test('a response whose framing is wrong is never answered', () => {
  const r = read(sipText(['SIP/2.0 200 OK', ...HEADERS, 'Content-Length: 50'], 'short'));
  assert.ok(r.ok === false && !r.isRequest && r.error.status === 0);
});
