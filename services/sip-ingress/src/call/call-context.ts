// What every call on this endpoint shares: settings, the SIP machinery it sends through, the
// media clock and port pool, the gateway channel, and the logger. Built once by
// start-sip-ingress.ts; tests build one with short timers.
import type { ClientTransactions } from '../sip/transaction/client-transactions';
import type { Scheduler, TimerSettings } from '../sip/transaction/timers';
import type { LocalAddress } from '../sip/ua/dialog';
import type { Destination } from '../sip/transport/source';
import type { Codec } from '../sdp/offer';
import type { MediaClock } from '../rtp/media-clock';
import type { RtpPortPool } from '../rtp/port-pool';
import type { ClientHttp2Stream } from 'node:http2';

export interface CallSettings {
  readonly tenantId: string;
  readonly language: string;
  readonly codecs: readonly Codec[];
  /** Longest wait after the gateway accepted the stream for the greeting before answering anyway. */
  readonly answerWaitMs: number;
  /** A call whose peer sent no RTP for this long is ended. */
  readonly mediaTimeoutMs: number;
  readonly playoutDelayMs: number;
  readonly reorderFrames: number;
  readonly maxPendingFrames: number;
  readonly retryAfterS: number;
  /** REFER target for TransferCall: `{queue}` is replaced by the queue name. */
  readonly transferUriTemplate: string;
  readonly timers: TimerSettings;
}

export interface SignalSender {
  /** How requests and responses leave for this call (UDP socket or the caller's TCP connection). */
  send(bytes: Buffer, to: Destination): void;
  readonly reliable: boolean;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface CallContext {
  readonly settings: CallSettings;
  readonly local: LocalAddress;
  readonly scheduler: Scheduler;
  readonly clientTransactions: ClientTransactions;
  readonly clock: MediaClock;
  readonly ports: RtpPortPool;
  readonly mediaAddressAllowed: (address: string) => boolean;
  readonly openStream: () => ClientHttp2Stream;
  readonly now: () => number;
  readonly log: Logger;
}
