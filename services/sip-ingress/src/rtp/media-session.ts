// One call's media: the RTP socket, the receive path (checks, jitter buffer, RFC 4733 DTMF) and
// the send path (the bot's speech), all driven by the shared media clock. Packets from outside
// the trunk's media networks, with a payload type that was not negotiated or that are not RTP
// are dropped and counted; `lastPacketMs` feeds the call's media timeout.
import type { Socket } from 'node:dgram';
import type { Codec } from '../sdp/offer';
import { DtmfReceiver } from './dtmf-receiver';
import { JitterBuffer, type PlayoutCounters } from './jitter-buffer';
import type { Ticking } from './media-clock';
import { readRtp, RtpView, type RtpDropReason } from './rtp-packet';
import { RtpSender } from './rtp-sender';

export interface MediaSessionOptions {
  readonly socket: Socket;
  readonly remote: { readonly address: string; readonly port: number };
  readonly codec: Codec;
  readonly payloadType: number;
  readonly telephoneEvent: number | undefined;
  readonly sourceAllowed: (address: string) => boolean;
  readonly playoutDelayMs: number;
  readonly reorderFrames: number;
  readonly onFrame: (payload: Buffer, concealed: boolean) => void;
  readonly onDigit: (digit: string, durationMs: number) => void;
  readonly now: () => number;
}

export type MediaDropReason = RtpDropReason | 'source' | 'payload-type';

export interface ReceiveCounters {
  packets: number;
  dropped: Partial<Record<MediaDropReason, number>>;
}

const DTMF_QUIET_MS = 200;

export class MediaSession implements Ticking {
  readonly receive: ReceiveCounters = { packets: 0, dropped: {} };
  readonly sender: RtpSender;
  private readonly jitter: JitterBuffer;
  private readonly dtmf: DtmfReceiver;
  private readonly view = new RtpView();
  private remote: { address: string; port: number };
  /** Time of the last accepted packet (start of the session until one arrives). */
  lastPacketMs: number;

  constructor(private readonly options: MediaSessionOptions) {
    this.remote = { ...options.remote };
    this.lastPacketMs = options.now();
    this.jitter = new JitterBuffer({ codec: options.codec, reorderFrames: options.reorderFrames, playoutDelayMs: options.playoutDelayMs, onFrame: options.onFrame });
    this.dtmf = new DtmfReceiver({ quietMs: DTMF_QUIET_MS, onDigit: options.onDigit });
    this.sender = new RtpSender({
      codec: options.codec,
      payloadType: options.payloadType,
      send: (packet) => { options.socket.send(packet, this.remote.port, this.remote.address); },
    });
    options.socket.on('message', (packet, rinfo) => { this.onPacket(packet, rinfo.address); });
    // ICMP port unreachable for one send says nothing about the next one.
    options.socket.on('error', () => undefined);
  }

  get playout(): Readonly<PlayoutCounters> {
    return this.jitter.counters;
  }

  get dtmfEvents(): number {
    return this.dtmf.counters.events;
  }

  /** A re-INVITE moved the peer's media. */
  retarget(address: string, port: number): void {
    this.remote = { address, port };
  }

  tick(nowMs: number): void {
    this.jitter.tick(nowMs);
    this.dtmf.tick(nowMs);
    this.sender.tick();
  }

  private drop(reason: MediaDropReason): void {
    this.receive.dropped[reason] = (this.receive.dropped[reason] ?? 0) + 1;
  }

  private onPacket(packet: Buffer, address: string): void {
    if (!this.options.sourceAllowed(address)) {
      this.drop('source');
      return;
    }
    const view = this.view;
    const bad = readRtp(packet, view);
    if (bad !== undefined) {
      this.drop(bad);
      return;
    }
    const now = this.options.now();
    const payload = packet.subarray(view.payloadOffset, view.payloadOffset + view.payloadLength);
    if (view.payloadType === this.options.payloadType) {
      this.jitter.push(payload, view.timestamp, view.sequence, view.ssrc, now);
    } else if (view.payloadType === this.options.telephoneEvent) {
      this.dtmf.push(payload, view.timestamp, view.ssrc, now);
    } else {
      this.drop('payload-type');
      return;
    }
    this.receive.packets++;
    this.lastPacketMs = now;
  }
}
