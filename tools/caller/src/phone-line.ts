// One simulated phone line to the gateway, as a carrier leg behaves: from the moment the call is
// up, a 20 ms frame leaves every 20 ms (the caller's speech when they talk, quiet line noise when
// they do not), whatever the bot is doing. The bot's speech comes back as PlayAudio chunks and
// is "played" in real time: the line knows when the bot is talking, and records when each reply
// began, for the caller's turn-taking and the timings of the report.
import { Codec, type MediaServerMessage } from '@switchboard/contracts';
import type { MediaCallStream, MediaIngestClient, StreamStatus } from '@switchboard/gateway';
import { encodeALaw, encodeMuLaw, noise } from '@switchboard/speech';

const FRAME_MS = 20;
const FRAME_SAMPLES = 160; // 20 ms at 8 kHz
const LINE_NOISE_AMPLITUDE = 40; // about -58 dBFS: a quiet line, not digital silence

export interface DialOptions {
  readonly callId: string;
  readonly tenantId: string;
  readonly language: string;
  readonly codec?: Codec.CODEC_PCMU | Codec.CODEC_PCMA;
  readonly callerNumber?: string;
  readonly calleeNumber?: string;
}

/** What happened on the line, in time order (performance.now() milliseconds). */
export type LineEvent =
  | { readonly atMs: number; readonly kind: 'caller-speech'; readonly durationMs: number }
  | { readonly atMs: number; readonly kind: 'dtmf'; readonly digits: string }
  | BotAudioEvent
  | { readonly atMs: number; readonly kind: 'bot-stopped'; readonly actionId: string }
  | { readonly atMs: number; readonly kind: 'transfer'; readonly queue: string; readonly summary: string }
  | { readonly atMs: number; readonly kind: 'bot-hangup'; readonly reason: string };

/** Grows while the reply's chunks arrive. */
export interface BotAudioEvent {
  readonly atMs: number;
  readonly kind: 'bot-audio';
  readonly actionId: string;
  durationMs: number;
}

export class PhoneLine {
  readonly events: LineEvent[] = [];
  private readonly speech: Int16Array[] = [];
  private speechOffset = 0;
  private speechDone: Array<() => void> = [];
  private sequence = 1;
  private tick = 0;
  private timer: NodeJS.Timeout | undefined;
  private clockStartMs = 0;
  private botUntilMs = 0;
  private lastPlayAtMs = -Infinity;
  private readonly listeners = new Set<() => void>();
  private readonly botAudio = new Map<string, BotAudioEvent>();
  private readonly botAudioChunks = new Map<string, Buffer[]>();
  private readonly encode: (pcm: Int16Array) => Buffer;
  /** Set when the bot transferred or hung up the call. */
  endedByBot: 'transfer' | 'hangup' | undefined;

  private constructor(private readonly stream: MediaCallStream, readonly conversationId: string, codec: Codec) {
    this.encode = codec === Codec.CODEC_PCMA ? encodeALaw : encodeMuLaw;
    void this.readServer();
  }

  /** Opens the stream, waits for the gateway to accept the call, and starts the frame clock. */
  static async dial(client: MediaIngestClient, o: DialOptions): Promise<PhoneLine> {
    const codec = o.codec ?? Codec.CODEC_PCMU;
    const stream = client.openStream();
    stream.start({
      callId: o.callId, tenantId: o.tenantId, codec, sampleRateHz: 8000,
      callerNumber: o.callerNumber ?? '+15550100', calleeNumber: o.calleeNumber ?? '+15550199', attributes: { language: o.language },
    });
    const first = await stream.next(15_000);
    const conversationId = first?.accepted?.conversationId;
    if (conversationId === undefined) {
      const status = await stream.status;
      throw new Error(`the gateway refused the call ${o.callId}: ${status.details || 'no StreamAccepted'}`);
    }
    const line = new PhoneLine(stream, conversationId, codec);
    line.startClock();
    return line;
  }

  /** Speaks `pcm` (8 kHz) from the next frame on; resolves once its last frame has been sent. */
  speak(pcm: Int16Array): Promise<void> {
    this.events.push({ atMs: performance.now(), kind: 'caller-speech', durationMs: Math.round((pcm.length / FRAME_SAMPLES) * FRAME_MS) });
    this.speech.push(pcm);
    return new Promise((resolve) => this.speechDone.push(resolve));
  }

  pressKeys(digits: string): void {
    this.events.push({ atMs: performance.now(), kind: 'dtmf', digits });
    for (const d of digits) this.stream.dtmf(d, 120);
  }

  /** Milliseconds of call audio sent before `atMs` (the platform's call-time axis: frame sequence × 20 ms). */
  callTimeMs(atMs = performance.now()): number {
    return Math.max(0, Math.round(atMs - this.clockStartMs));
  }

  /** The audio of one bot reply as it reached the line (the call's codec), chunks in order. */
  botAudioOf(actionId: string): Buffer {
    return Buffer.concat(this.botAudioChunks.get(actionId) ?? []);
  }

  /** True while the bot's audio is still being played to the caller. */
  botTalking(now = performance.now()): boolean {
    return now < this.botUntilMs;
  }

  /** Resolves once bot audio that began after `sinceMs` is playing (or the bot ended the call). */
  replyStarted(sinceMs: number, timeoutMs = 20_000): Promise<void> {
    return this.until(() => this.lastPlayAtMs > sinceMs || this.endedByBot !== undefined, performance.now() + timeoutMs, 'the bot did not answer');
  }

  /**
   * Resolves once the bot has answered: audio that began after `sinceMs` was played to its end
   * and then `quietMs` passed without more (the bot may say two things in a row). Rejects after
   * `timeoutMs` without an answer, or resolves at once when the bot ended the call.
   */
  async botTurn(sinceMs: number, quietMs = 700, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    await this.replyStarted(sinceMs, timeoutMs);
    for (;;) {
      if (this.endedByBot !== undefined) return;
      const quietFrom = Math.max(this.botUntilMs, this.lastPlayAtMs);
      const waitMs = quietFrom + quietMs - performance.now();
      if (waitMs <= 0) return;
      await this.until(() => Math.max(this.botUntilMs, this.lastPlayAtMs) !== quietFrom || this.endedByBot !== undefined, Math.min(deadline, performance.now() + waitMs), undefined);
    }
  }

  /** The caller hangs up: a hang-up message, then the stream's end; resolves with its status. */
  async hangUp(): Promise<StreamStatus> {
    this.stopClock();
    this.stream.hangup('caller hung up');
    this.stream.end();
    return this.stream.status;
  }

  /** Waits for the stream to end (the bot transferred or hung up) and stops the clock. */
  async ended(): Promise<StreamStatus> {
    const status = await this.stream.status;
    this.stopClock();
    return status;
  }

  private startClock(): void {
    this.clockStartMs = performance.now();
    const step = (): void => {
      this.sendFrame();
      this.tick++;
      // Drift-free: frame n leaves at start + n × 20 ms.
      this.timer = setTimeout(step, Math.max(0, this.clockStartMs + this.tick * FRAME_MS - performance.now()));
    };
    step();
  }

  private stopClock(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (const done of this.speechDone.splice(0)) done();
  }

  private sendFrame(): void {
    const pcm = new Int16Array(FRAME_SAMPLES);
    let filled = 0;
    while (filled < FRAME_SAMPLES && this.speech.length > 0) {
      const current = this.speech[0]!;
      const n = Math.min(FRAME_SAMPLES - filled, current.length - this.speechOffset);
      pcm.set(current.subarray(this.speechOffset, this.speechOffset + n), filled);
      filled += n;
      this.speechOffset += n;
      if (this.speechOffset >= current.length) {
        this.speech.shift();
        this.speechOffset = 0;
        this.speechDone.shift()?.();
      }
    }
    if (filled < FRAME_SAMPLES) pcm.set(noise(FRAME_SAMPLES - filled, LINE_NOISE_AMPLITUDE, this.tick + 1), filled);
    this.stream.audio(this.sequence++, this.encode(pcm));
  }

  private async readServer(): Promise<void> {
    for await (const m of this.stream) this.onServer(m);
    this.stopClock();
    this.notify();
  }

  private onServer(m: MediaServerMessage): void {
    const now = performance.now();
    if (m.play) {
      const durationMs = (m.play.audio.length / FRAME_SAMPLES) * FRAME_MS;
      let reply = this.botAudio.get(m.play.actionId);
      if (reply === undefined) {
        reply = { atMs: now, kind: 'bot-audio', actionId: m.play.actionId, durationMs: 0 };
        this.botAudio.set(m.play.actionId, reply);
        this.events.push(reply);
      }
      reply.durationMs += durationMs;
      let chunks = this.botAudioChunks.get(m.play.actionId);
      if (chunks === undefined) this.botAudioChunks.set(m.play.actionId, (chunks = []));
      chunks.push(Buffer.from(m.play.audio));
      this.botUntilMs = Math.max(now, this.botUntilMs) + durationMs;
      this.lastPlayAtMs = now;
    } else if (m.stopPlayback) {
      this.events.push({ atMs: now, kind: 'bot-stopped', actionId: m.stopPlayback.actionId });
      this.botUntilMs = now;
    } else if (m.transfer) {
      this.events.push({ atMs: now, kind: 'transfer', queue: m.transfer.queue, summary: m.transfer.summary });
      this.endedByBot = 'transfer';
    } else if (m.hangup) {
      this.events.push({ atMs: now, kind: 'bot-hangup', reason: m.hangup.reason });
      this.endedByBot = 'hangup';
    }
    this.notify();
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when cond() holds (checked on every server message) or at deadline; rejects then if `failure` is set. */
  private until(cond: () => boolean, deadlineMs: number, failure: string | undefined): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => { clearTimeout(timer); this.listeners.delete(check); };
      const check = (): void => { if (cond()) { done(); resolve(); } };
      const timer = setTimeout(() => {
        done();
        if (failure === undefined) resolve();
        else reject(new Error(`${failure} within ${Math.round(deadlineMs - this.clockStartMs)} ms of the call`));
      }, Math.max(0, deadlineMs - performance.now()));
      this.listeners.add(check);
    });
  }
}
