// One call's MediaIngest stream to the gateway. Messages leave in order; while HTTP/2 flow
// control holds the stream (write() returned false) they wait in a bounded queue, and audio
// beyond the bound is dropped and counted (the gateway pauses reading only when its own
// pipeline is behind, so a full queue means the platform is overloaded). Server messages are
// dispatched to the call; the stream's end is reported once, with its gRPC status.
import { credentials, makeGenericClientConstructor, Metadata, status, type ChannelOptions, type Client, type ClientDuplexStream, type StatusObject } from '@grpc/grpc-js';
import { Codec, type HangupCall, type MediaClientMessage, type MediaServerMessage, type PlayAudio, type StreamStart, type TransferCall } from '@switchboard/contracts';
import { MEDIA_INGEST_DEFINITION, MEDIA_STREAM_PATH } from '@switchboard/gateway/media-wire';
import type { Codec as SdpCodec } from '../sdp/offer';

const { requestSerialize, responseDeserialize } = MEDIA_INGEST_DEFINITION.Stream;
const MediaIngestClient = makeGenericClientConstructor(MEDIA_INGEST_DEFINITION, 'MediaIngest');

export const GATEWAY_CODEC: Readonly<Record<SdpCodec, Codec>> = { PCMU: Codec.CODEC_PCMU, PCMA: Codec.CODEC_PCMA };

export type MediaStream = ClientDuplexStream<MediaClientMessage, MediaServerMessage>;

/** One HTTP/2 channel to the gateway carrying every call's stream. */
export class GatewayChannel {
  private readonly client: Client;

  constructor(address: string, options: ChannelOptions = {}) {
    this.client = new MediaIngestClient(address, credentials.createInsecure(), options);
  }

  open(): MediaStream {
    return this.client.makeBidiStreamRequest(MEDIA_STREAM_PATH, requestSerialize, responseDeserialize, new Metadata(), {});
  }

  close(): void {
    this.client.close();
  }
}

export interface GatewayEvents {
  onAccepted(conversationId: string): void;
  onPlay(play: PlayAudio): void;
  onStopPlayback(actionId: string): void;
  onTransfer(transfer: TransferCall): void;
  onHangup(hangup: HangupCall): void;
  /** The stream is over; `ok` is false when it failed (status other than OK). */
  onClosed(ok: boolean, details: string): void;
}

export interface LinkCounters {
  framesSent: number;
  framesDropped: number;
}

export class GatewayLink {
  readonly counters: LinkCounters = { framesSent: 0, framesDropped: 0 };
  private readonly pending: MediaClientMessage[] = [];
  private blocked = false;
  private sequence = 0;
  private closed = false;
  private ended = false;

  constructor(private readonly stream: MediaStream, private readonly events: GatewayEvents, private readonly maxPendingFrames: number) {
    stream.on('data', (m: MediaServerMessage) => { this.dispatch(m); });
    stream.on('status', (s: StatusObject) => { this.close(s.code === status.OK, s.details); });
    // Errors arrive as a status too; without a listener an error would be thrown.
    stream.on('error', () => undefined);
    stream.on('drain', () => { this.flush(); });
  }

  start(start: StreamStart): void {
    this.write({ start });
  }

  audio(payload: Buffer): void {
    if (this.ended) return;
    if (this.blocked && this.pending.length >= this.maxPendingFrames) {
      this.counters.framesDropped++;
      return;
    }
    this.sequence++;
    this.counters.framesSent++;
    this.write({ audio: { sequence: this.sequence, payload } });
  }

  dtmf(digit: string, durationMs: number): void {
    this.write({ dtmf: { digit, durationMs } });
  }

  /** The media side is done: tells the gateway why and half-closes. */
  hangup(reason: string): void {
    if (this.ended) return;
    this.write({ hangup: { reason } });
    this.ended = true;
    if (!this.blocked) this.stream.end();
  }

  /** Abandons the stream without a word (the gateway sees it lost). */
  cancel(): void {
    this.ended = true;
    this.stream.cancel();
  }

  private write(message: MediaClientMessage): void {
    if (this.ended || this.closed) return;
    if (this.blocked) {
      this.pending.push(message);
      return;
    }
    if (!this.stream.write(message)) this.blocked = true;
  }

  private flush(): void {
    this.blocked = false;
    while (this.pending.length > 0 && !this.blocked) {
      if (!this.stream.write(this.pending.shift()!)) this.blocked = true;
    }
    if (this.ended && !this.blocked && this.pending.length === 0) this.stream.end();
  }

  private close(ok: boolean, details: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pending.length = 0;
    this.events.onClosed(ok, details);
  }

  private dispatch(m: MediaServerMessage): void {
    if (m.accepted) this.events.onAccepted(m.accepted.conversationId);
    else if (m.play) this.events.onPlay(m.play);
    else if (m.stopPlayback) this.events.onStopPlayback(m.stopPlayback.actionId);
    else if (m.transfer) this.events.onTransfer(m.transfer);
    else if (m.hangup) this.events.onHangup(m.hangup);
  }
}
