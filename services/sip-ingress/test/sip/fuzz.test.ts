// Robustness, seeded so a failure can be replayed: thousands of mutated and truncated SIP
// messages never throw out of the datagram reader or the TCP framer, and a real endpoint fed a
// burst of them over UDP keeps answering (a valid OPTIONS afterwards gets its 200).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../src/sip/message/limits';
import { parseMessage } from '../../src/sip/message/parse-message';
import { readDatagram } from '../../src/sip/transport/datagram-framing';
import { StreamFramer } from '../../src/sip/transport/stream-framer';
import { startEndpoint, udpPeer } from '../helpers/sip-endpoint';
import { invite, sipText } from '../helpers/sip-text';

const OPTIONS = sipText([
  'OPTIONS sip:switchboard@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-fuzz-ok;rport', 'Max-Forwards: 70',
  'From: <sip:probe@127.0.0.1>;tag=p1', 'To: <sip:switchboard@127.0.0.1>', 'Call-ID: probe@127.0.0.1', 'CSeq: 7 OPTIONS', 'Content-Length: 0',
]);
/** The probe after the burst: its own branch and Call-ID, so no mutated copy shares its transaction. */
const PROBE = Buffer.from(OPTIONS.toString('latin1').replace('z9hG4bK-fuzz-ok', 'z9hG4bK-probe').replace(/probe@127\.0\.0\.1/g, 'after-burst@127.0.0.1'), 'latin1');
const RESPONSE = sipText(['SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: x', 'CSeq: 1 BYE', 'Content-Length: 0']);
const BASES = [invite(), OPTIONS, RESPONSE];
const INTERESTING = [0x00, 0x0d, 0x0a, 0x20, 0x09, 0x3a, 0x3b, 0x2c, 0x22, 0x3c, 0x3e, 0x25, 0x40, 0x2d, 0x7f, 0xff, 0x30, 0x39];

/** mulberry32: small, seeded, good enough to pick mutations. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(base: Buffer, random: () => number): Buffer {
  let b = Buffer.from(base);
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * b.length);
    const kind = random();
    if (kind < 0.35) b[at] = INTERESTING[Math.floor(random() * INTERESTING.length)]!;
    else if (kind < 0.55) b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + Math.floor(random() * 20)))]);
    else if (kind < 0.75) { const from = Math.floor(random() * b.length); b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + 1 + Math.floor(random() * 40)), b.subarray(at)]); }
    else if (kind < 0.9) b = b.subarray(0, at);
    else b[at] = Math.floor(random() * 256);
  }
  return b;
}

describe('malformed SIP never throws', () => {
  it('the datagram reader and the TCP framer take 6,000 mutations without an exception', () => {
    const random = rng(4475);
    let answered = 0;
    for (let i = 0; i < 6000; i++) {
      const bytes = mutate(BASES[i % BASES.length]!, random);
      const r = readDatagram(bytes, DEFAULT_SIP_LIMITS);
      if (r.ok !== 'keepalive' && r.ok) answered++;
      const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
      let pos = 0;
      while (pos < bytes.length) {
        const step = 1 + Math.floor(random() * 64);
        for (const out of framer.push(bytes.subarray(pos, pos + step))) if (out.kind === 'message') parseMessage(out.head, out.body, DEFAULT_SIP_LIMITS);
        pos += step;
      }
    }
    // The mutations are not all fatal: the check is that both outcomes happen and nothing threw.
    assert.ok(answered > 100 && answered < 6000, `${answered} of 6000 still parsed`);
  });

  it('an endpoint fed 1,000 mutated datagrams still answers OPTIONS', async (t) => {
    const endpoint = await startEndpoint(t, { forceRport: true });
    const peer = await udpPeer(t, endpoint.udpPort);
    const random = rng(8);
    for (let i = 0; i < 1000; i++) {
      peer.send(mutate(BASES[i % 2]!, random));
      // The endpoint runs in this process: let it read, or the kernel's socket buffer overflows
      // and drops datagrams (the probe among them), which says nothing about the endpoint.
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    peer.send(PROBE);
    for (;;) {
      const { response } = await peer.next();
      if (response?.cseq.method === 'OPTIONS' && response.cseq.seq === 7 && response.callId === 'after-burst@127.0.0.1') {
        assert.equal(response.status, 200);
        break;
      }
    }
  });
});
