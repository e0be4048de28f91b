// The UAS core behind real UDP and TCP sockets on loopback: each refusal with its status and
// the headers it must carry, OPTIONS keep-alives, retransmissions, Via stamping for the reply
// path, and what is dropped without an answer (counted, the endpoint goes on).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invite, sipText } from '../../helpers/sip-text';
import { startEndpoint, tcpPeer, udpPeer, type UdpPeer } from '../../helpers/sip-endpoint';

let n = 0;
function request(method: string, extra: readonly string[] = [], opts: { uri?: string; body?: string; cseqMethod?: string; via?: string; toTag?: string } = {}): Buffer {
  n++;
  return sipText([
    `${method} ${opts.uri ?? 'sip:b@switchboard.test'} SIP/2.0`,
    opts.via ?? `Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-u${n};rport`,
    'Max-Forwards: 70', `From: <sip:a@carrier.test>;tag=f${n}`, `To: <sip:b@switchboard.test>${opts.toTag ? `;tag=${opts.toTag}` : ''}`,
    `Call-ID: uas-${n}`, `CSeq: 1 ${opts.cseqMethod ?? method}`, ...extra, `Content-Length: ${Buffer.byteLength(opts.body ?? '', 'latin1')}`,
  ], opts.body ?? '');
}

async function statusOf(peer: UdpPeer, bytes: Buffer): Promise<{ status: number; raw: string }> {
  peer.send(bytes);
  const { response, raw } = await peer.next();
  assert.ok(response, `not a response: ${raw.slice(0, 60)}`);
  return { status: response.status, raw };
}

void test('OPTIONS → 200 with Allow and Accept; Max-Forwards 0 is still answered; 503 with Retry-After while draining', async (t) => {
  const ep = await startEndpoint(t);
  const peer = await udpPeer(t, ep.udpPort);
  const ok = await statusOf(peer, request('OPTIONS'));
  assert.equal(ok.status, 200);
  assert.match(ok.raw, /\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY\r\n/);
  assert.match(ok.raw, /\r\nAccept: application\/sdp\r\n/);
  assert.match(ok.raw, /\r\nTo: <sip:b@switchboard.test>;tag=[0-9a-f]{12}\r\n/);
  const zeroHops = Buffer.from(request('OPTIONS').toString('latin1').replace('Max-Forwards: 70', 'Max-Forwards: 0'), 'latin1');
  assert.equal((await statusOf(peer, zeroHops)).status, 200);
  ep.draining = true;
  const busy = await statusOf(peer, request('OPTIONS'));
  assert.equal(busy.status, 503);
  assert.match(busy.raw, /\r\nRetry-After: 30\r\n/);
  const inv = await statusOf(peer, invite());
  assert.equal(inv.status, 503);
  assert.equal(ep.invites.length, 0);
});

void test('refusals in RFC 3261 §8.2 order: 405 and 501 with Allow, 416, 420 with Unsupported, 481, 415 with Accept, 406', async (t) => {
  const ep = await startEndpoint(t);
  const peer = await udpPeer(t, ep.udpPort);
  const cases: [Buffer, number, RegExp | undefined][] = [
    [request('REGISTER'), 405, /\r\nAllow: INVITE/],
    [request('NEWMETHOD'), 501, /\r\nAllow: INVITE/],
    [request('RE%47IST%45R'), 501, undefined],
    [request('OPTIONS', [], { uri: 'nobodyKnowsThisScheme:totallyopaquecontent' }), 416, undefined],
    [request('OPTIONS', ['Require: nothingSupportsThis, nothingSupportsThisEither', 'Proxy-Require: x']), 420, /\r\nUnsupported: nothingSupportsThis, nothingSupportsThisEither\r\n/],
    [request('BYE', [], { toTag: 'nosuch' }), 481, undefined],
    [request('BYE'), 481, undefined],
    [request('INVITE', ['Contact: <sip:a@127.0.0.1:5999>', 'Content-Type: application/unknownformat'], { body: 'xyz' }), 415, /\r\nAccept: application\/sdp\r\n/],
    [request('INVITE', ['Contact: <sip:a@127.0.0.1:5999>', 'Content-Type: application/sdp', 'Content-Encoding: gzip'], { body: 'v=0\r\n' }), 415, /\r\nAccept-Encoding: identity\r\n/],
    [request('INVITE', ['Contact: <sip:a@127.0.0.1:5999>', 'Accept: text/nobodyKnowsThis']), 406, undefined],
  ];
  for (const [bytes, status, header] of cases) {
    const r = await statusOf(peer, bytes);
    assert.equal(r.status, status, bytes.toString('latin1').split('\r\n')[0]);
    if (header) assert.match(r.raw, header);
  }
  assert.equal(ep.invites.length, 0);
  // A good INVITE reaches the call layer.
  peer.send(invite());
  await (async () => { for (;;) { if (ep.invites.length === 1) return; await new Promise((r) => setImmediate(r)); } })();
});

void test('a retransmitted request gets the same response again (same To tag); CANCEL without an INVITE → 481', async (t) => {
  const ep = await startEndpoint(t);
  const peer = await udpPeer(t, ep.udpPort);
  const options = request('OPTIONS');
  const first = await statusOf(peer, options);
  const again = await statusOf(peer, options);
  assert.equal(again.raw, first.raw);
  assert.equal((await statusOf(peer, request('CANCEL'))).status, 481);
});

void test('the reply path: received and rport are stamped into the top Via, the response goes to the source port', async (t) => {
  const ep = await startEndpoint(t);
  const peer = await udpPeer(t, ep.udpPort);
  const r = await statusOf(peer, request('OPTIONS', [], { via: 'Via: SIP/2.0/UDP host.carrier.test:5999;branch=z9hG4bK-rp;rport' }));
  assert.match(r.raw, new RegExp(`\\r\\nVia: SIP/2.0/UDP host.carrier.test:5999;branch=z9hG4bK-rp;rport=${peer.port};received=127.0.0.1\\r\\n`));
});

void test('malformed requests get 400/505 over UDP; stray or broken responses and Via-less requests get nothing and are counted', async (t) => {
  const ep = await startEndpoint(t);
  const peer = await udpPeer(t, ep.udpPort);
  assert.equal((await statusOf(peer, request('OPTIONS', ['CSeq: 2 OPTIONS']))).status, 400);
  assert.equal((await statusOf(peer, Buffer.from(request('OPTIONS').toString('latin1').replace('SIP/2.0\r\n', 'SIP/7.0\r\n'), 'latin1'))).status, 505);
  peer.send(sipText(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-x', 'Call-ID: s', 'CSeq: x OPTIONS', 'From: <sip:a@b.test>', 'To: <sip:c@d.test>']));
  peer.send(sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', 'Call-ID: s', 'CSeq: 1 OPTIONS']));
  // Datagrams on loopback arrive in order: the next answer is the one to this OPTIONS.
  const marker = request('OPTIONS');
  const r = await statusOf(peer, marker);
  assert.equal(r.status, 200);
  assert.ok(r.raw.includes(`Call-ID: uas-${n}`));
  assert.equal(ep.counters.dropped.get('malformed-response'), 1);
  assert.equal(ep.counters.dropped.get('unanswerable-request'), 1);
});

void test('a source outside the allow-list is never answered', async (t) => {
  const ep = await startEndpoint(t, { allow: (a) => a !== '127.0.0.1' });
  const peer = await udpPeer(t, ep.udpPort);
  peer.send(request('OPTIONS'));
  const tcp = await tcpPeer(t, ep.tcpPort);
  assert.deepEqual(await tcp.next(), { kind: 'closed' });
  assert.equal(ep.counters.dropped.get('source-not-allowed'), 2);
});

void test('TCP: a request in pieces is answered on the connection; CRLFCRLF gets a CRLF pong; a missing Content-Length gets 400 and the connection closes', async (t) => {
  const ep = await startEndpoint(t);
  const tcp = await tcpPeer(t, ep.tcpPort);
  const options = Buffer.from(request('OPTIONS').toString('latin1').replace('SIP/2.0/UDP', 'SIP/2.0/TCP'), 'latin1');
  for (let i = 0; i < options.length; i += 17) tcp.send(options.subarray(i, i + 17));
  const first = await tcp.next();
  assert.ok(first.kind === 'response' && first.response.status === 200);
  tcp.send(Buffer.from('\r\n\r\n'));
  assert.deepEqual(await tcp.next(), { kind: 'pong' });
  tcp.send(Buffer.from(request('OPTIONS').toString('latin1').replace(/Content-Length: 0\r\n/, ''), 'latin1'));
  const refused = await tcp.next();
  assert.ok(refused.kind === 'response' && refused.response.status === 400 && /Content-Length/.test(refused.response.reason));
  assert.deepEqual(await tcp.next(), { kind: 'closed' });
});
