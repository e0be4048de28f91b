// RFC 4733 telephone-events in, one DTMF digit out per event. An event is identified by its
// SSRC and RTP timestamp (every packet of one key press carries the start timestamp); senders
// repeat the end packet three times and may lose the start, so an event is reported once: at
// its first end packet, when a different event starts, or when it has gone quiet for
// `quietMs` without an end packet. The duration reported is the one the packets carry.

export const DTMF_DIGITS = '0123456789*#ABCD';

export interface DtmfOptions {
  /** An event without an end packet is reported after this long without updates. */
  readonly quietMs: number;
  readonly onDigit: (digit: string, durationMs: number) => void;
}

export class DtmfReceiver {
  /** Events reported; packets that were not a DTMF event (flash, tones, short payload). */
  readonly counters = { events: 0, ignored: 0 };
  private key: { ssrc: number; timestamp: number } | undefined;
  private event = 0;
  private durationSamples = 0;
  private reported = true;
  private lastUpdateMs = 0;

  constructor(private readonly options: DtmfOptions) {}

  push(payload: Uint8Array, timestamp: number, ssrc: number, nowMs: number): void {
    if (payload.length < 4) {
      this.counters.ignored++;
      return;
    }
    const event = payload[0]!;
    const end = (payload[1]! & 0x80) !== 0;
    const duration = (payload[2]! << 8) | payload[3]!;
    if (event >= DTMF_DIGITS.length) {
      this.counters.ignored++;
      return;
    }
    const same = this.key !== undefined && this.key.ssrc === ssrc && this.key.timestamp === timestamp;
    if (!same) {
      this.finish();
      this.key = { ssrc, timestamp };
      this.event = event;
      this.durationSamples = 0;
      this.reported = false;
    }
    if (this.reported) return; // the repeated end packets
    if (duration > this.durationSamples) this.durationSamples = duration;
    this.lastUpdateMs = nowMs;
    if (end) this.finish();
  }

  tick(nowMs: number): void {
    if (!this.reported && nowMs - this.lastUpdateMs >= this.options.quietMs) this.finish();
  }

  private finish(): void {
    if (this.reported) return;
    this.reported = true;
    this.counters.events++;
    this.options.onDigit(DTMF_DIGITS[this.event]!, Math.round(this.durationSamples / 8));
  }
}
