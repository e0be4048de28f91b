// One MediaIngest.Stream call on a node:http2 stream: gRPC messages in (decoded, audio frames
// without a copy), messages out, the read side paused and resumed for back-pressure (a paused
// stream stops acknowledging DATA, so HTTP/2 flow control slows the sender), and the call's end as
// gRPC trailers. The handler sees only this narrow surface (MediaCall), never the stream.
import { constants, type ServerHttp2Stream } from 'node:http2';
import { status } from '@grpc/grpc-js';
import { MediaServerMessage, type MediaClientMessage } from '@switchboard/contracts';
import { errorMessage, SwitchboardError } from '@switchboard/runtime';
import { encodeGrpcMessage, frameMessage, GrpcMessageReader, type FrameError } from './grpc-frames';
import type { GrpcStatusError } from './grpc-status';
import { decodeClientMessage } from './media-wire';

/** What the call's owner (MediaStreamHandler) is told. */
export interface MediaCallListener {
  message(message: MediaClientMessage): void;
  /** A message could not be read; no further messages are delivered. */
  unreadable(error: SwitchboardError): void;
  /** The media side half-closed. */
  halfClose(): void;
  /** The stream was reset or its connection lost: nothing can be sent any more. */
  lost(): void;
}

export interface MediaCall {
  listen(listener: MediaCallListener): void;
  write(message: MediaServerMessage): void;
  pause(): void;
  resume(): void;
  /** Ends the call with OK once everything written has been sent. */
  finish(): void;
  /** Ends the call with this status. */
  fail(error: GrpcStatusError): void;
}

/** A peer that neither ends its side nor resets after our trailers is reset after this long. */
const HALF_OPEN_AFTER_TRAILERS_MS = 5_000;

function frameErrorStatus(error: FrameError): SwitchboardError {
  return error.kind === 'compressed'
    ? new SwitchboardError('INVALID_ARGUMENT', 'compressed messages are not accepted (no grpc-encoding is offered)')
    : new SwitchboardError('RESOURCE_EXHAUSTED', `message of ${error.length} bytes is above the limit`);
}

export class H2MediaCall implements MediaCall {
  private readonly reader: GrpcMessageReader;
  private listener: MediaCallListener | undefined;
  /** Set once the trailers are decided (finish/fail) or the stream is gone: no more writes. */
  private closed = false;
  private unreadable = false;
  private lostReported = false;

  constructor(private readonly stream: ServerHttp2Stream, maxMessageBytes: number) {
    this.reader = new GrpcMessageReader(maxMessageBytes);
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    // Stream errors (a reset, a write after the peer left) surface as 'aborted'/'close' below.
    stream.on('error', () => undefined);
  }

  listen(listener: MediaCallListener): void {
    this.listener = listener;
    const { stream } = this;
    stream.on('data', (chunk: Buffer) => { this.onData(chunk); });
    stream.on('end', () => {
      if (this.lostReported || this.unreadable) return;
      if (this.reader.pendingBytes > 0) this.onUnreadable(new SwitchboardError('INVALID_ARGUMENT', 'the stream ended inside a message'));
      else listener.halfClose();
    });
    stream.on('aborted', () => {
      // Messages that arrived but sat in the paused read buffer are still the call's: read() hands
      // each chunk to the 'data' listener above before the loss is reported.
      while (stream.read() !== null) { /* delivered through 'data' */ }
      this.onLost();
    });
    stream.on('close', () => { this.onLost(); });
  }

  write(message: MediaServerMessage): void {
    if (this.closed || this.stream.destroyed) return;
    this.stream.write(frameMessage(MediaServerMessage.encode(message).finish()));
  }

  pause(): void {
    this.stream.pause();
  }

  resume(): void {
    if (!this.stream.destroyed) this.stream.resume();
  }

  finish(): void {
    this.endWith({ 'grpc-status': String(status.OK) });
  }

  fail(error: GrpcStatusError): void {
    this.endWith({ 'grpc-status': String(error.code), 'grpc-message': encodeGrpcMessage(error.details) });
  }

  private endWith(trailers: Record<string, string>): void {
    if (this.closed) return;
    this.closed = true;
    const { stream } = this;
    if (stream.destroyed || stream.closed) return;
    stream.once('wantTrailers', () => {
      stream.sendTrailers(trailers);
      setTimeout(() => { if (!stream.closed) stream.close(constants.NGHTTP2_CANCEL); }, HALF_OPEN_AFTER_TRAILERS_MS).unref();
    });
    stream.end();
    // A peer that keeps sending after the call ended is not read any more; its stream is reset
    // once the trailers are out (the peer sees the status first).
    stream.resume();
  }

  private onData(chunk: Buffer): void {
    if (this.unreadable || this.lostReported) return;
    const listener = this.listener!;
    const error = this.reader.push(chunk, (bytes) => {
      if (this.unreadable) return;
      let message: MediaClientMessage;
      try {
        message = decodeClientMessage(bytes);
      } catch (err) {
        this.onUnreadable(new SwitchboardError('INVALID_ARGUMENT', `undecodable MediaClientMessage: ${errorMessage(err)}`));
        return;
      }
      listener.message(message);
    });
    if (error) this.onUnreadable(frameErrorStatus(error));
  }

  private onUnreadable(error: SwitchboardError): void {
    if (this.unreadable) return;
    this.unreadable = true;
    this.listener!.unreadable(error);
  }

  private onLost(): void {
    if (this.lostReported) return;
    this.lostReported = true;
    // After our trailers the stream closing is the normal end, not a loss.
    if (this.closed && !this.stream.aborted) return;
    this.closed = true;
    this.listener?.lost();
  }
}
