// A gRPC call made by hand over node:http2, for what a well-behaved client library never sends
// (wrong method or content type, undecodable or compressed messages, a stream cut mid-message),
// and a TCP relay that can go silent like a peer whose network vanished.
import { connect, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { createServer, Socket } from 'node:net';
import type { TestContext } from 'node:test';
import { MediaClientMessage, MediaServerMessage } from '@switchboard/contracts';
import { frameMessage, GrpcMessageReader } from '../../src/grpc/grpc-frames';
import { MEDIA_STREAM_PATH } from '../../src/grpc/media-wire';

export interface RawResult {
  readonly headers: IncomingHttpHeaders;
  readonly trailers: IncomingHttpHeaders;
  readonly messages: readonly MediaServerMessage[];
  readonly body: string;
}

export interface RawCall {
  send(bytes: Buffer): void;
  /** Half-closes our side. */
  end(): void;
  /** The next message from the gateway. */
  nextMessage(): Promise<MediaServerMessage>;
  readonly result: Promise<RawResult>;
}

export function rawSession(t: TestContext, port: number): ClientHttp2Session {
  const session = connect(`http://127.0.0.1:${port}`);
  session.on('error', () => undefined);
  t.after(() => { session.destroy(); });
  return session;
}

export function openRawCall(session: ClientHttp2Session, over: { path?: string; method?: string; contentType?: string; headers?: Record<string, string> } = {}): RawCall {
  const stream = session.request({
    ':method': over.method ?? 'POST', ':path': over.path ?? MEDIA_STREAM_PATH,
    'content-type': over.contentType ?? 'application/grpc', te: 'trailers', ...over.headers,
  });
  const messages: MediaServerMessage[] = [];
  const waiting: ((m: MediaServerMessage) => void)[] = [];
  const reader = new GrpcMessageReader(16 * 1024 * 1024);
  let headers: IncomingHttpHeaders = {};
  let trailers: IncomingHttpHeaders = {};
  let body = '';
  stream.on('response', (h: IncomingHttpHeaders) => { headers = h; });
  stream.on('trailers', (h: IncomingHttpHeaders) => { trailers = h; });
  stream.on('data', (chunk: Buffer) => {
    if (headers['content-type'] !== 'application/grpc') { body += chunk.toString('utf8'); return; }
    reader.push(chunk, (m) => {
      const message = MediaServerMessage.decode(m);
      const next = waiting.shift();
      if (next) next(message);
      else messages.push(message);
    });
  });
  const result = new Promise<RawResult>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('close', () => { resolve({ headers, trailers, messages, body }); });
  });
  return {
    send: (bytes) => { stream.write(bytes); },
    end: () => { stream.end(); },
    nextMessage: () => {
      const queued = messages.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => { waiting.push(resolve); });
    },
    result,
  };
}

export function framed(message: MediaClientMessage): Buffer {
  return frameMessage(MediaClientMessage.encode(message).finish());
}

/** grpc-status from the trailers, or from the headers of a trailers-only response. */
export function grpcStatusOf(r: RawResult): { code: number; message: string } {
  const source = r.trailers['grpc-status'] !== undefined ? r.trailers : r.headers;
  return { code: Number(source['grpc-status']), message: decodeURIComponent(String(source['grpc-message'] ?? '')) };
}

export interface Relay {
  readonly port: number;
  /** Stops passing bytes either way, without closing anything (a vanished network). */
  freeze(): void;
}

/** A TCP relay to 127.0.0.1:targetPort, closed when the test ends. */
export async function startRelay(t: TestContext, targetPort: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((inbound) => {
    const outbound = new Socket();
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
    }
    outbound.connect(targetPort, '127.0.0.1');
    inbound.on('data', (b) => { if (!frozen) outbound.write(b); });
    outbound.on('data', (b) => { if (!frozen) inbound.write(b); });
    inbound.on('close', () => { if (!frozen) outbound.destroy(); });
    outbound.on('close', () => { if (!frozen) inbound.destroy(); });
  });
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return { port: address.port, freeze: () => { frozen = true; } };
}
