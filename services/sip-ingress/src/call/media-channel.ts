// The HTTP/2 connection to the gateway that carries every call's MediaIngest stream, on
// node:http2 rather than grpc-js: a call sends 50 small messages a second, and grpc-js's
// per-message machinery (call stack, filters, writer objects) cost more CPU than the rest of the
// media path together (bench:sip profile, 500 calls). gRPC over HTTP/2 is small to speak: POST
// with `content-type: application/grpc`, length-prefixed messages, the status in trailers.
// A lost connection is replaced on the next call; calls on it end with their stream.
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { MEDIA_STREAM_PATH } from '@switchboard/gateway/media-wire';

const REQUEST_HEADERS = {
  [constants.HTTP2_HEADER_METHOD]: 'POST',
  [constants.HTTP2_HEADER_PATH]: MEDIA_STREAM_PATH,
  [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
  te: 'trailers',
};

export class MediaChannel {
  private session: ClientHttp2Session | undefined;
  private closed = false;

  /** `address` is the gateway's host:port. */
  constructor(private readonly address: string) {}

  open(): ClientHttp2Stream {
    if (this.closed) throw new Error('media channel closed');
    return this.connected().request(REQUEST_HEADERS, { endStream: false });
  }

  close(): void {
    this.closed = true;
    this.session?.close();
    this.session = undefined;
  }

  private connected(): ClientHttp2Session {
    const current = this.session;
    if (current && !current.closed && !current.destroyed) return current;
    const session = connect(`http://${this.address}`);
    // Errors reach every stream on the session as its close; the session is replaced on next use.
    session.on('error', () => undefined);
    session.on('goaway', () => { if (this.session === session) this.session = undefined; });
    session.on('close', () => { if (this.session === session) this.session = undefined; });
    session.unref();
    this.session = session;
    return session;
  }
}
