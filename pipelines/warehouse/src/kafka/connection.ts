// One TCP connection to a Kafka broker: size-prefixed request frames with correlation ids, and
// responses matched back to their requests. A response arrives as one Buffer (assembled from the
// socket's chunks with a single copy, or none when it came in one chunk), so record values can be
// read in place. Any socket error, a timeout or a malformed frame fails every waiting request and
// closes the connection: the caller reconnects.
import { connect, type Socket } from 'node:net';
import { RequestWriter, ResponseReader } from './wire';

export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly clientId: string;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** The connection failed (refused, reset, timed out, closed): retriable with a fresh connection. */
export class ConnectionError extends Error {}

interface Waiting {
  readonly resolve: (r: ResponseReader) => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class BrokerConnection {
  private readonly waiting = new Map<number, Waiting>();
  private nextCorrelationId = 1;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failure: Error | undefined;

  private constructor(private readonly socket: Socket, private readonly opts: ConnectionOptions) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => { this.onData(chunk); });
    socket.on('error', (err) => { this.fail(new ConnectionError(`connection to ${opts.host}:${opts.port} failed: ${err.message}`)); });
    socket.on('close', () => { this.fail(new ConnectionError(`connection to ${opts.host}:${opts.port} closed`)); });
  }

  static open(opts: ConnectionOptions): Promise<BrokerConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: opts.host, port: opts.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectionError(`connection to ${opts.host}:${opts.port} timed out`));
      }, opts.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new BrokerConnection(socket, opts));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new ConnectionError(`connection to ${opts.host}:${opts.port} failed: ${err.message}`));
      });
    });
  }

  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** Sends a request; resolves with a reader positioned at the response body. */
  request(apiKey: number, apiVersion: number, body: (w: RequestWriter) => void, timeoutMs = this.opts.requestTimeoutMs): Promise<ResponseReader> {
    if (this.failure) return Promise.reject(this.failure);
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = this.nextCorrelationId >= 0x7fff_ffff ? 1 : this.nextCorrelationId + 1;
    const w = new RequestWriter().int32(0).int16(apiKey).int16(apiVersion).int32(correlationId).string(this.opts.clientId);
    body(w);
    const frame = w.finish();
    frame.writeInt32BE(frame.length - 4, 0);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late response would put the connection out of step with its requests: close it.
        this.fail(new ConnectionError(`request ${apiKey} to ${this.opts.host}:${this.opts.port} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(correlationId, { resolve, reject, timer });
      this.socket.write(frame);
    });
  }

  close(): void {
    this.fail(new ConnectionError(`connection to ${this.opts.host}:${this.opts.port} closed by the client`));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.socket.destroy();
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiting.clear();
    this.chunks = [];
    this.buffered = 0;
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const size = this.peekSize();
      if (this.buffered < 4 + size) return;
      const frame = this.take(4 + size);
      this.dispatch(frame.subarray(4));
    }
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    const head = Buffer.concat(this.chunks, 4);
    return head.readInt32BE(0);
  }

  /** The next `n` buffered bytes as one Buffer: a view when they lie in one chunk, else one copy. */
  private take(n: number): Buffer {
    const first = this.chunks[0]!;
    let frame: Buffer;
    if (first.length >= n) {
      frame = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      frame = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const c = this.chunks[0]!;
        const part = Math.min(c.length, n - filled);
        c.copy(frame, filled, 0, part);
        filled += part;
        if (part === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(part);
      }
    }
    this.buffered -= n;
    return frame;
  }

  private dispatch(response: Buffer): void {
    if (response.length < 4) {
      this.fail(new ConnectionError('malformed Kafka response frame'));
      return;
    }
    const correlationId = response.readInt32BE(0);
    const w = this.waiting.get(correlationId);
    if (!w) {
      this.fail(new ConnectionError(`Kafka response for unknown correlation id ${correlationId}`));
      return;
    }
    this.waiting.delete(correlationId);
    clearTimeout(w.timer);
    w.resolve(new ResponseReader(response, 4));
  }
}
