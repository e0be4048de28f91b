// A typed grpc-js client of MediaIngest.Stream built from the GENERATED codecs (ts-proto
// encode/decode), not from the .proto at run time: what tests, the benchmark and the demo use to
// play simulated calls against a gateway.
import { credentials, makeGenericClientConstructor, Metadata, status, type ChannelOptions, type Client, type ClientDuplexStream, type StatusObject } from '@grpc/grpc-js';
import type { MediaClientMessage, MediaServerMessage, StreamStart } from '@switchboard/contracts';
import { MEDIA_INGEST_DEFINITION, MEDIA_STREAM_PATH } from '../grpc/media-wire';

export { MEDIA_INGEST_DEFINITION, MEDIA_STREAM_PATH };

const { requestSerialize: serializeClient, responseDeserialize: deserializeServer } = MEDIA_INGEST_DEFINITION.Stream;

const MediaIngestClientConstructor = makeGenericClientConstructor(MEDIA_INGEST_DEFINITION, 'MediaIngest');

/** The final status of a stream as the client saw it. */
export interface StreamStatus {
  readonly code: status;
  readonly details: string;
}

/** One call's stream from the media side. */
export class MediaCallStream {
  private readonly inbox: MediaServerMessage[] = [];
  private readonly waiters: Array<(m: MediaServerMessage | undefined) => void> = [];
  private ended = false;
  /** Every server message received so far, in order. */
  readonly received: MediaServerMessage[] = [];
  /** Settles with the stream's final status (OK or an error code); never rejects. */
  readonly status: Promise<StreamStatus>;

  constructor(private readonly call: ClientDuplexStream<MediaClientMessage, MediaServerMessage>) {
    call.on('data', (m: MediaServerMessage) => {
      this.received.push(m);
      const w = this.waiters.shift();
      if (w) w(m);
      else this.inbox.push(m);
    });
    this.status = new Promise((resolve) => {
      call.on('status', (s: StatusObject) => {
        this.finish();
        resolve({ code: s.code, details: s.details });
      });
    });
    // The status event carries errors; without a listener an error status would throw.
    call.on('error', () => { this.finish(); });
    call.on('end', () => { this.finish(); });
  }

  /** Writes one message; false means "wait for drain" (HTTP/2 flow control is pushing back). */
  send(message: MediaClientMessage): boolean {
    return this.call.write(message);
  }

  /** Writes one message and waits until the stream can take more. */
  async sendPaced(message: MediaClientMessage): Promise<void> {
    if (this.call.write(message)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => { this.call.off('drain', done); this.call.off('close', done); resolve(); };
      this.call.once('drain', done);
      this.call.once('close', done);
    });
  }

  start(start: StreamStart): boolean {
    return this.send({ start });
  }

  audio(sequence: number, payload: Buffer): boolean {
    return this.send({ audio: { sequence, payload } });
  }

  dtmf(digit: string, durationMs = 100): boolean {
    return this.send({ dtmf: { digit, durationMs } });
  }

  hangup(reason = 'caller hung up'): boolean {
    return this.send({ hangup: { reason } });
  }

  /** Half-close: the media side will send nothing more. */
  end(): void {
    this.call.end();
  }

  /** Abandons the stream (the gateway sees it as lost). */
  cancel(): void {
    this.call.cancel();
  }

  /** The next server message, or undefined once the stream has ended; rejects after timeoutMs. */
  next(timeoutMs = 10_000): Promise<MediaServerMessage | undefined> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no server message within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (m: MediaServerMessage | undefined): void => { clearTimeout(timer); resolve(m); };
      this.waiters.push(waiter);
    });
  }

  /** Server messages until the stream ends. */
  async *[Symbol.asyncIterator](): AsyncIterator<MediaServerMessage> {
    for (;;) {
      const m = await this.next(24 * 3600 * 1000);
      if (m === undefined) return;
      yield m;
    }
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}

export class MediaIngestClient {
  private readonly client: Client;

  /** `address` is host:port of the gateway's gRPC port. */
  constructor(address: string, options: ChannelOptions = {}) {
    this.client = new MediaIngestClientConstructor(address, credentials.createInsecure(), options);
  }

  openStream(metadata: Metadata = new Metadata()): MediaCallStream {
    const call = this.client.makeBidiStreamRequest(MEDIA_STREAM_PATH, serializeClient, deserializeServer, metadata, {});
    return new MediaCallStream(call);
  }

  /** Resolves once the channel is connected (or rejects after timeoutMs). */
  waitForReady(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) => { if (err) reject(err); else resolve(); });
    });
  }

  close(): void {
    this.client.close();
  }
}
