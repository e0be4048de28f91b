// The length-prefixed message reader and writer, without a server: how DATA chunks may split
// and join messages, the two refusals, and the grpc-message encoding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeGrpcMessage, frameMessage, GrpcMessageReader } from '../../src/grpc/grpc-frames';

function readAll(reader: GrpcMessageReader, chunks: readonly Buffer[]): { messages: string[]; error: unknown } {
  const messages: string[] = [];
  let error: unknown;
  for (const chunk of chunks) {
    error = reader.push(chunk, (m) => { messages.push(m.toString('utf8')); });
    if (error) break;
  }
  return { messages, error };
}

void test('several messages in one chunk, and every split of them over two chunks, read the same', () => {
  const stream = Buffer.concat(['a', '', 'bcd', 'x'.repeat(300)].map((s) => frameMessage(Buffer.from(s))));
  const expected = ['a', '', 'bcd', 'x'.repeat(300)];
  assert.deepEqual(readAll(new GrpcMessageReader(1024), [stream]).messages, expected);
  for (let cut = 0; cut <= stream.length; cut++) {
    const reader = new GrpcMessageReader(1024);
    const r = readAll(reader, [stream.subarray(0, cut), stream.subarray(cut)]);
    assert.deepEqual(r.messages, expected, `cut at ${cut}`);
    assert.equal(reader.pendingBytes, 0);
  }
});

void test('one byte per chunk still yields whole messages; an unfinished one is reported as pending', () => {
  const stream = Buffer.concat([frameMessage(Buffer.from('hello')), frameMessage(Buffer.from('world')).subarray(0, 7)]);
  const reader = new GrpcMessageReader(1024);
  const r = readAll(reader, [...stream].map((b) => Buffer.of(b)));
  assert.deepEqual(r.messages, ['hello']);
  assert.equal(reader.pendingBytes, 7);
});

void test('a whole message in a chunk is a view of it, not a copy', () => {
  const chunk = frameMessage(Buffer.from('view'));
  let seen: Buffer | undefined;
  new GrpcMessageReader(16).push(chunk, (m) => { seen = m; });
  assert.equal(seen!.buffer, chunk.buffer);
});

void test('a compressed message and one above the limit are refused, and nothing after them is read', () => {
  const compressed = frameMessage(Buffer.from('zip'));
  compressed[0] = 1;
  const r1 = readAll(new GrpcMessageReader(1024), [Buffer.concat([frameMessage(Buffer.from('ok')), compressed, frameMessage(Buffer.from('late'))])]);
  assert.deepEqual(r1, { messages: ['ok'], error: { kind: 'compressed' } });
  // The length alone decides: the refusal comes before the body arrives.
  const big = frameMessage(Buffer.alloc(1025)).subarray(0, 5);
  assert.deepEqual(readAll(new GrpcMessageReader(1024), [big]), { messages: [], error: { kind: 'too-large', length: 1025 } });
});

void test('grpc-message: printable ASCII as is, % and everything else percent-encoded as UTF-8', () => {
  assert.equal(encodeGrpcMessage('sequence 7 is not greater'), 'sequence 7 is not greater');
  assert.equal(encodeGrpcMessage('100% 挂断\n'), '100%25 %E6%8C%82%E6%96%AD%0A');
  assert.equal(decodeURIComponent(encodeGrpcMessage('100% 挂断\n')), '100% 挂断\n');
});
