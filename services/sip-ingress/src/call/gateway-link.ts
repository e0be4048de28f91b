// One call's MediaIngest stream to the gateway, as gRPC over an HTTP/2 stream (media-channel.ts).
// Messages leave in order; while HTTP/2 flow control holds the stream (write() returned false)
// they wait in a bounded queue, and audio beyond the bound is dropped and counted (the gateway
// pauses reading only when its own pipeline is behind, so a full queue means the platform is
// overloaded). Server messages are dispatched to the call; the stream's end is reported once,
// with whether its gRPC status was OK.
import type { ClientHttp2Stream, IncomingHttpHeaders } from 'node:http2';
import { Codec, MediaClientMessage, MediaServerMessage, type HangupCall, type PlayAudio, type StreamStart, type TransferCall } from '@switchboard/contracts';
import { frameMessage, GrpcMessageReader } from '@switchboard/gateway/grpc-frames';
import { frameAudioMessage } from '@switchboard/gateway/media-wire';
import type { Codec as SdpCodec } from '../sdp/offer';

export const GATEWAY_CODEC: Readonly<Record<SdpCodec, Codec>> = { PCMU: Codec.CODEC_PCMU, PCMA: Codec.CODEC_PCMA };

/** Largest server message taken (a PlayAudio chunk is ~100 ms of audio). */
const MAX_SERVER_MESSAGE_BYTES = 1024 * 1024;

export interface GatewayEvents {
  onAccepted(conversationId: string): void;
  onPlay(play: PlayAudio): void;
  onStopPlayback(actionId: string): void;
  onTransfer(transfer: TransferCall): void;
  onHangup(hangup: HangupCall): void;
  /** The stream is over; `ok` is false when it failed (a status other than OK, or no status). */
  onClosed(ok: boolean, details: string): void;
}

export interface LinkCounters {
  framesSent: number;
  framesDropped: number;
}

const encode = (message: MediaClientMessage): Buffer => frameMessage(MediaClientMessage.encode(message).finish());

export class GatewayLink {
  readonly counters: LinkCounters = { framesSent: 0, framesDropped: 0 };
  private readonly pending: Buffer[] = [];
  private readonly reader = new GrpcMessageReader(MAX_SERVER_MESSAGE_BYTES);
  private blocked = false;
  private sequence = 0;
  private closed = false;
  private ended = false;

  constructor(private readonly stream: ClientHttp2Stream, private readonly events: GatewayEvents, private readonly maxPendingFrames: number) {
    stream.on('response', (headers: IncomingHttpHeaders) => {
      // A trailers-only response (an immediate error) carries grpc-status in the headers.
      if (headers['grpc-status'] !== undefined) this.finish(headers);
      else if (Number(headers[':status']) !== 200) this.close(false, `gateway answered HTTP ${String(headers[':status'])}`);
    });
    stream.on('data', (chunk: Buffer) => {
      const bad = this.reader.push(chunk, (m) => { this.dispatch(m); });
      if (bad) {
        this.close(false, `unreadable message from the gateway (${bad.kind})`);
        stream.close();
      }
    });
    stream.on('trailers', (trailers: IncomingHttpHeaders) => { this.finish(trailers); });
    stream.on('drain', () => { this.flush(); });
    stream.on('error', () => undefined);
    stream.on('close', () => { this.close(false, `stream closed without a status (HTTP/2 code ${stream.rstCode ?? 0})`); });
  }

  start(start: StreamStart): void {
    this.write(encode({ start }));
  }

  audio(payload: Buffer): void {
    if (this.ended || this.closed) return;
    if (this.blocked && this.pending.length >= this.maxPendingFrames) {
      this.counters.framesDropped++;
      return;
    }
    this.sequence++;
    this.counters.framesSent++;
    this.write(frameAudioMessage(this.sequence, payload));
  }

  dtmf(digit: string, durationMs: number): void {
    this.write(encode({ dtmf: { digit, durationMs } }));
  }

  /** The media side is done: tells the gateway why and half-closes. */
  hangup(reason: string): void {
    if (this.ended) return;
    this.write(encode({ hangup: { reason } }));
    this.ended = true;
    if (!this.blocked && !this.stream.destroyed) this.stream.end();
  }

  /** Abandons the stream (the gateway sees it cancelled). */
  cancel(): void {
    this.ended = true;
    this.stream.close();
  }

  private write(bytes: Buffer): void {
    if (this.ended || this.closed) return;
    if (this.blocked) {
      this.pending.push(bytes);
      return;
    }
    if (!this.stream.write(bytes)) this.blocked = true;
  }

  private flush(): void {
    this.blocked = false;
    while (this.pending.length > 0 && !this.blocked) {
      if (!this.stream.write(this.pending.shift()!)) this.blocked = true;
    }
    if (this.ended && !this.blocked && this.pending.length === 0 && !this.stream.destroyed) this.stream.end();
  }

  private finish(trailers: IncomingHttpHeaders): void {
    const code = trailers['grpc-status'];
    const message = trailers['grpc-message'];
    const details = typeof message === 'string' ? decodeURIComponent(message) : '';
    this.close(code === '0', code === '0' ? details : `gRPC status ${String(code)}: ${details}`);
  }

  private close(ok: boolean, details: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    this.events.onClosed(ok, details);
  }

  private dispatch(bytes: Buffer): void {
    let m: MediaServerMessage;
    try {
      m = MediaServerMessage.decode(bytes);
    } catch {
      this.close(false, 'undecodable message from the gateway');
      this.stream.close();
      return;
    }
    if (m.accepted) this.events.onAccepted(m.accepted.conversationId);
    else if (m.play) this.events.onPlay(m.play);
    else if (m.stopPlayback) this.events.onStopPlayback(m.stopPlayback.actionId);
    else if (m.transfer) this.events.onTransfer(m.transfer);
    else if (m.hangup) this.events.onHangup(m.hangup);
  }
}
