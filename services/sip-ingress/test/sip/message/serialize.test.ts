// Responses echo the request's fields byte for byte and add only what they must.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import { buildResponse, hasTag, reasonPhrase } from '../../../src/sip/message/serialize';
import { readDatagram } from '../../../src/sip/transport/datagram-framing';
import { sipText } from '../../helpers/sip-text';

const REQUEST = sipText([
  'INVITE sip:b@switchboard.test SIP/2.0',
  'Via: SIP/2.0/UDP proxy.test;branch=z9hG4bK-p, SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport=5070',
  'Via: SIP/2.0/UDP edge.test;branch=z9hG4bK-e',
  'From: "J\xc3\xbcrgen \\"J\\"" <sip:a@carrier.test>;tag=1',
  'To: <sip:b@switchboard.test;tag=inside-uri>',
  'Call-ID: r1@carrier.test', 'CSeq: 7 INVITE', 'Content-Length: 0',
]);

function headersOf(b: Buffer): import('../../../src/sip/message/header-block').Headers {
  const r = readDatagram(b, DEFAULT_SIP_LIMITS);
  assert.ok(r.ok === true);
  return r.message.headers;
}

void test('Via fields in order, From with UTF-8 and escaped quotes, Call-ID and CSeq are copied byte for byte; our To tag is added', () => {
  const out = buildResponse(headersOf(REQUEST), 180, 'Ringing', { toTag: 'sb1', headers: [['Contact', '<sip:sb@127.0.0.1:5060>']] });
  const text = out.toString('latin1');
  assert.equal(text, [
    'SIP/2.0 180 Ringing',
    'Via: SIP/2.0/UDP proxy.test;branch=z9hG4bK-p, SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport=5070',
    'Via: SIP/2.0/UDP edge.test;branch=z9hG4bK-e',
    'From: "J\xc3\xbcrgen \\"J\\"" <sip:a@carrier.test>;tag=1',
    // A tag inside the URI is not the header's tag.
    'To: <sip:b@switchboard.test;tag=inside-uri>;tag=sb1',
    'Call-ID: r1@carrier.test', 'CSeq: 7 INVITE', 'Contact: <sip:sb@127.0.0.1:5060>', 'Content-Length: 0', '', '',
  ].join('\r\n'));
  // And it parses back as a response with the same transaction fields.
  const back = readDatagram(out, DEFAULT_SIP_LIMITS);
  assert.ok(back.ok === true && back.message.kind === 'response' && back.message.status === 180 && back.message.cseq.seq === 7 && back.message.vias.length === 3);
});

void test('100 Trying gets no To tag; a To that has one keeps it; a body sets Content-Length', () => {
  assert.match(buildResponse(headersOf(REQUEST), 100, 'Trying', { toTag: 'sb1' }).toString('latin1'), /\r\nTo: <sip:b@switchboard.test;tag=inside-uri>\r\n/);
  assert.equal(hasTag('<sip:b@x.test>;tag=abc'), true);
  assert.equal(hasTag('sip:b@x.test ; TAG = abc'), true);
  const withBody = buildResponse(headersOf(REQUEST), 200, 'OK', { body: Buffer.from('v=0\r\n') }).toString('latin1');
  assert.match(withBody, /Content-Length: 5\r\n\r\nv=0\r\n$/);
});

void test('of repeated single-valued fields only the first is echoed, so the 400 for them is well-formed', () => {
  const twice = sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-d', 'From: <sip:a@x.test>;tag=1', 'To: <sip:b@y.test>', 'Call-ID: d', 'CSeq: 1 OPTIONS', 'CSeq: 2 OPTIONS', 'Content-Length: 0']);
  const r = readDatagram(twice, DEFAULT_SIP_LIMITS);
  assert.ok(r.ok === false && r.headers !== undefined);
  const out = buildResponse(r.headers, 400, 'cseq appears more than once').toString('latin1');
  assert.equal(out.match(/\r\nCSeq: /g)?.length, 1);
  assert.ok(readDatagram(Buffer.from(out, 'latin1'), DEFAULT_SIP_LIMITS).ok === true);
});

void test('reason phrases are printable ASCII and bounded', () => {
  assert.equal(reasonPhrase(400), 'Bad Request');
  assert.equal(reasonPhrase(400, 'missing Call-ID\r\nX: y'), 'missing Call-ID??X: y');
  assert.equal(reasonPhrase(400, 'z'.repeat(500)).length, 200);
});
