// Messages out of a byte stream, however the bytes are split.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SIP_LIMITS } from '../../../src/sip/message/limits';
import { StreamFramer, type FramerOutput } from '../../../src/sip/transport/stream-framer';
import { invite, SDP_OFFER, sipText } from '../../helpers/sip-text';

const OPTIONS = sipText(['OPTIONS sip:b@switchboard.test SIP/2.0', 'Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-o', 'Call-ID: o1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

function feed(chunks: readonly Buffer[]): FramerOutput[] {
  const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
  return chunks.flatMap((c) => framer.push(c));
}

function summary(out: readonly FramerOutput[]): string[] {
  return out.map((o) => (o.kind === 'message' ? `message ${o.head.split('\r\n')[0]} body=${o.body.length}` : o.kind === 'ping' ? 'ping' : `error ${o.error.status} ${o.error.detail}`));
}

/** A deterministic pseudo-random generator (the same splits every run). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

void test('two messages, a ping and stray CRLFs: the same result for one chunk, byte-by-byte and 200 random splits', () => {
  const stream = Buffer.concat([Buffer.from('\r\n'), invite(), Buffer.from('\r\n\r\n'), OPTIONS, Buffer.from('\r\n')]);
  const expected = [`message INVITE sip:+15550001111@switchboard.test SIP/2.0 body=${Buffer.byteLength(SDP_OFFER)}`, 'ping', 'message OPTIONS sip:b@switchboard.test SIP/2.0 body=0'];
  assert.deepEqual(summary(feed([stream])), expected);
  assert.deepEqual(summary(feed([...stream].map((b) => Buffer.of(b)))), expected);
  const random = seeded(7);
  for (let run = 0; run < 200; run++) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < stream.length;) {
      const n = 1 + Math.floor(random() * 40);
      chunks.push(stream.subarray(at, at + n));
      at += n;
    }
    assert.deepEqual(summary(feed(chunks)), expected, `run ${run}`);
  }
});

void test('the body is exactly Content-Length bytes and waits for them', () => {
  const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
  const whole = invite();
  assert.deepEqual(framer.push(whole.subarray(0, whole.length - 5)), []);
  assert.equal(framer.bufferedBytes, whole.length - 5);
  const out = framer.push(whole.subarray(whole.length - 5));
  assert.equal(out.length, 1);
  assert.equal(framer.bufferedBytes, 0);
});

void test('no Content-Length, a negative or doubled one, or a body above the limit: a fatal error, nothing read after it', () => {
  const headers = ['INVITE sip:b@switchboard.test SIP/2.0', 'Via: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-x', 'Call-ID: x', 'CSeq: 1 INVITE'];
  const cases: [Buffer, number, RegExp][] = [
    [sipText(headers), 400, /required/],
    [sipText([...headers, 'Content-Length: -999']), 400, /non-negative/],
    [sipText([...headers, 'Content-Length: 3', 'l: 5']), 400, /different values/],
    [sipText([...headers, `Content-Length: ${DEFAULT_SIP_LIMITS.maxBodyBytes + 1}`]), 513, /body larger/],
  ];
  for (const [bytes, status, detail] of cases) {
    const out = feed([Buffer.concat([bytes, OPTIONS])]);
    assert.equal(out.length, 1, String(detail));
    const [first] = out;
    assert.ok(first?.kind === 'error' && first.error.status === status && detail.test(first.error.detail) && first.head !== undefined, String(detail));
  }
});

void test('a header section that grows past the limit without ending is refused before it is all buffered', () => {
  const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
  const out = framer.push(Buffer.from(`OPTIONS sip:b@switchboard.test SIP/2.0\r\nX-Long: ${'y'.repeat(DEFAULT_SIP_LIMITS.maxHeaderBytes)}`));
  assert.deepEqual(summary(out), [`error 513 header section larger than ${DEFAULT_SIP_LIMITS.maxHeaderBytes} bytes`]);
  assert.deepEqual(framer.push(OPTIONS), []);
  assert.equal(framer.bufferedBytes, 0);
});
