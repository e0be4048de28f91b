// The message parser on its own: what it must accept (folding, compact forms, odd but legal
// spacing, escapes) and what it must refuse, each with the status a UAS answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import type { SipRequest } from '../../../src/sip/message/message';
import { parseMessage, type ParseResult } from '../../../src/sip/message/parse-message';
import { invite, sipText } from '../../helpers/sip-text';

function parse(buf: Buffer): ParseResult {
  const text = buf.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  return parseMessage(text.slice(0, split), buf.subarray(split + 4), DEFAULT_SIP_LIMITS);
}

function request(buf: Buffer): SipRequest {
  const r = parse(buf);
  if (!r.ok) assert.fail(`refused: ${r.error.detail}`);
  assert.equal(r.message.kind, 'request');
  return r.message;
}

function refused(buf: Buffer): { status: number; detail: string; hasHeaders: boolean } {
  const r = parse(buf);
  if (r.ok) assert.fail('accepted');
  return { status: r.error.status, detail: r.error.detail, hasHeaders: r.headers !== undefined };
}

const BASE = [
  'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1',
  'From: <sip:a@carrier.test>;tag=1',
  'To: <sip:b@switchboard.test>',
  'Call-ID: x1',
  'CSeq: 1 OPTIONS',
];

void test('a plain INVITE: method, URI, Vias, From/To, CSeq, Contact, body', () => {
  const m = request(invite());
  assert.equal(m.method, 'INVITE');
  assert.deepEqual([m.uri.scheme, m.uri.scheme === 'sip' ? m.uri.user : '', m.uri.scheme === 'sip' ? m.uri.host : ''], ['sip', '+15550001111', 'switchboard.test']);
  assert.equal(m.vias.length, 1);
  assert.deepEqual([m.vias[0]!.transport, m.vias[0]!.host, m.vias[0]!.port, m.vias[0]!.params.get('branch'), m.vias[0]!.params.get('rport')], ['UDP', '127.0.0.1', 5070, 'z9hG4bK-1', '']);
  assert.equal(m.from.displayName, '"Caller"');
  assert.equal(m.from.params.get('tag'), 'abc');
  assert.equal(m.to.params.has('tag'), false);
  assert.deepEqual(m.cseq, { seq: 1, method: 'INVITE' });
  assert.equal(m.maxForwards, 70);
  assert.ok(m.contacts !== '*' && m.contacts[0]!.uri.scheme === 'sip' && m.contacts[0]!.uri.port === 5070);
  assert.match(m.body.toString('latin1'), /^v=0/);
});

void test('folded lines, compact names, any case, LWS around colons, slashes and equals, leading zeros', () => {
  const m = request(sipText([
    'OPTIONS sip:b@switchboard.test;unknownparam SIP/2.0',
    'v  : SIP  /  2.0',
    ' /UDP',
    '    127.0.0.1;branch=z9hG4bK-2 ;rport',
    'f: sip:a@carrier.test ;  tag   =  x9',
    'tO :',
    ' <sip:b@switchboard.test>',
    'i: fold-1',
    'cseq: 0009',
    '  OPTIONS',
    'MaX-fOrWaRdS: 0068',
    'X-Unknown: ;;,,;;,;',
    'l: 0',
  ]));
  assert.deepEqual([m.vias[0]!.transport, m.vias[0]!.params.get('branch'), m.vias[0]!.params.has('rport')], ['UDP', 'z9hG4bK-2', true]);
  assert.equal(m.from.params.get('tag'), 'x9');
  assert.equal(m.callId, 'fold-1');
  assert.deepEqual(m.cseq, { seq: 9, method: 'OPTIONS' });
  assert.equal(m.maxForwards, 68);
  assert.equal(m.uri.scheme === 'sip' && m.uri.params.get('unknownparam'), '');
  // Unknown headers are kept as they are, whatever their value looks like.
  assert.equal(m.headers.first('x-unknown'), ';;,,;;,;');
});

void test('Vias: several per field and several fields, in order; received and IPv6 sent-by', () => {
  const m = request(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0',
    'Via: SIP/2.0/TCP proxy.carrier.test:5061;branch=z9hG4bK-a, SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK-b;received=192.0.2.9',
    'Via: SIP/2.0/SCTP edge.carrier.test;branch=z9hG4bK-c', ...BASE.slice(1)]));
  assert.deepEqual(m.vias.map((v) => [v.transport, v.host, v.port ?? null]), [['TCP', 'proxy.carrier.test', 5061], ['UDP', '[2001:db8::1]', 5060], ['SCTP', 'edge.carrier.test', null]]);
  assert.equal(m.vias[1]!.params.get('received'), '192.0.2.9');
});

void test('escapes are decoded in URIs only; a % that is no escape stays', () => {
  const m = request(sipText(['INVITE sip:sips%3Auser%40example.test@switchboard.test SIP/2.0', ...BASE.slice(0, 4), 'CSeq: 1 INVITE', 'Content-Length: 0']));
  assert.equal(m.uri.scheme === 'sip' && m.uri.user, 'sips:user@example.test');
  const odd = request(sipText(['OPTIONS sip:100%25@switchboard.test SIP/2.0', ...BASE.slice(0, 1), 'From: "%Z%45" <sip:a@carrier.test>;tag=1', ...BASE.slice(2)]));
  assert.equal(odd.uri.scheme === 'sip' && odd.uri.user, '100%');
  assert.equal(odd.from.displayName, '"%Z%45"');
});

void test('other schemes parse (for 416), tel URIs keep their number', () => {
  const other = request(sipText(['OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0', ...BASE]));
  assert.deepEqual([other.uri.scheme, other.uri.scheme === 'other' && other.uri.name], ['other', 'nobodyknowsthisscheme']);
  const tel = request(sipText(['OPTIONS tel:+15550001111;phone-context=x SIP/2.0', ...BASE]));
  assert.equal(tel.uri.scheme === 'tel' && tel.uri.number, '+15550001111');
});

void test('request lines that break the grammar → 400; another SIP version → 505', () => {
  const cases: [string, number, RegExp][] = [
    ['OPTIONS  sip:b@switchboard.test SIP/2.0', 400, /request line/],
    ['OPTIONS sip:b@switchboard.test SIP/2.0 ', 400, /request line/],
    ['OPTIONS <sip:b@switchboard.test> SIP/2.0', 400, /URI/],
    ['OPTIONS sip:b@switchboard.test?Route=%3Csip:x.test%3E SIP/2.0', 400, /headers/],
    ['OPTIONS sip:b@switchboard.test SIP/7.0', 505, /SIP\/2.0/],
    ['OPT(IONS sip:b@switchboard.test SIP/2.0', 400, /token/],
    ['OPTIONS sip:b@bad_host!.test SIP/2.0', 400, /host/],
  ];
  for (const [line, status, detail] of cases) {
    const r = refused(sipText([line, ...BASE]));
    assert.equal(r.status, status, line);
    assert.match(r.detail, detail, line);
  }
});

void test('missing, repeated or inconsistent headers → 400 naming the problem, headers kept for the answer', () => {
  const cases: [readonly string[], RegExp][] = [
    [BASE.filter((l) => !l.startsWith('Call-ID')), /missing Call-ID/],
    [BASE.filter((l) => !l.startsWith('From')), /missing From/],
    [[...BASE, 'To: <sip:c@switchboard.test>'], /to appears more than once/],
    [[...BASE.slice(0, 4), 'CSeq: 8 INVITE'], /CSeq method/],
    [[...BASE.slice(0, 4), 'CSeq: 4294967296 OPTIONS'], /below 2\^32/],
    [[...BASE, 'Max-Forwards: 300'], /Max-Forwards/],
    [[BASE[0]!, 'From: "unterminated <sip:a@carrier.test>;tag=1', ...BASE.slice(2)], /unterminated/],
    [[BASE[0]!, BASE[1]!, 'To: "Watson" < sip:b@switchboard.test >', ...BASE.slice(3)], /URI/],
    [[BASE[0]!, 'From: Bell, Alexander <sip:a@carrier.test>;tag=1', ...BASE.slice(2)], /display name/],
    [['Via: SIP/2.0/UDP 127.0.0.1;;,;,,', ...BASE.slice(1)], /parameter name|sent-protocol/],
    [[...BASE, 'Contact: <sip:c@127.0.0.1>;;;;'], /parameter name/],
    [[...BASE, 'Bad Header: x'], /header name/],
  ];
  for (const [headers, detail] of cases) {
    const r = refused(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', ...headers]));
    assert.equal(r.status, 400, String(detail));
    assert.match(r.detail, detail);
    assert.ok(r.hasHeaders, String(detail));
  }
});

void test('no Via, or no start line: nothing to answer', () => {
  assert.equal(refused(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', ...BASE.slice(1)])).status, 0);
  assert.equal(refused(sipText(['SIP/2.0 4294967301 Bigcode', ...BASE])).status, 0);
});

void test('responses: status, reason (empty allowed), UTF-8 reason bytes kept; a broken response is never answered', () => {
  const ok = parse(sipText(['SIP/2.0 200 \xe5\x85\xa5', ...BASE]));
  assert.ok(ok.ok && ok.message.kind === 'response');
  assert.equal(ok.message.kind === 'response' && Buffer.from(ok.message.reason, 'latin1').toString('utf8'), '入');
  const empty = parse(sipText(['SIP/2.0 100 ', ...BASE]));
  assert.ok(empty.ok && empty.message.kind === 'response' && empty.message.reason === '');
  const broken = parse(sipText(['SIP/2.0 180 Ringing', ...BASE.slice(0, 4), 'CSeq: x INVITE']));
  assert.ok(!broken.ok && broken.error.status === 0 && !broken.isRequest);
});

void test('limits: too many headers or Vias → 513', () => {
  const many = Array.from({ length: DEFAULT_SIP_LIMITS.maxHeaders + 1 }, (_, i) => `X-H${i}: v`);
  assert.equal(refused(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', ...BASE, ...many])).status, 513);
  const vias = Array.from({ length: DEFAULT_SIP_LIMITS.maxViaHops + 1 }, (_, i) => `Via: SIP/2.0/UDP h${i}.test;branch=z9hG4bK${i}`);
  assert.equal(refused(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', ...vias, ...BASE.slice(1)])).status, 513);
});
