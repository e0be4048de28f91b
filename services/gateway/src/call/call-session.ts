// One media stream's call, from its first message to CallEnded. Transport-free: the gRPC edge
// feeds it messages and carries out its outcome (grpc/media-stream.ts).
//
// Rules it enforces (each rejection publishes nothing for the offending message):
// - before a call exists (bad or missing start, duplicate id, full, draining) the stream is
//   rejected and nothing at all is published;
// - once the call started, a bad message (second start, bad frame, bad digit, empty message) ends
//   the call: pending audio is flushed, CallEnded(PROTOCOL_ERROR) is published, and the stream
//   ends with the error's status.
// Ordering: every record of the call goes through its CallPipeline (one ordered outbox, one send
// in flight); a DTMF flushes the open audio batch first; CallEnded is sent only after everything
// before it is acknowledged.
import { EndReason, type MediaClientMessage, type StreamStart } from '@switchboard/contracts';
import { errorMessage, SwitchboardError, type ControlSubscription, type Logger, type OutboundRecord } from '@switchboard/runtime';
import { CallPipeline } from './call-pipeline';
import { CallVoice } from './call-voice';
import type { LiveCall } from './call-registry';
import type { MediaStreamPort, SessionDeps } from './session-deps';
import { asSwitchboardError, type SessionOutcome } from './session-outcome';
import { validateDtmf, validateFrame, validateStart, type CallSpec } from './validation';

type State = 'awaiting-start' | 'starting' | 'live' | 'ending' | 'ended';

interface EndRequest {
  readonly reason: EndReason;
  readonly detail: string;
  /** Set when the stream must end with an error status rather than OK. */
  readonly status?: SwitchboardError;
}

/** How long a half-close waits for a possible 'cancelled' right behind it. */
const HALF_CLOSE_SETTLE_MS = 25;

/** Bounds what the media side's hang-up reason may add to CallEnded.detail. */
const MAX_DETAIL_LENGTH = 200;

export class CallSession implements LiveCall {
  private state: State = 'awaiting-start';
  private readonly held = new Set<'starting' | 'flow'>();
  private early: MediaClientMessage[] = [];
  private pendingEnd: EndRequest | undefined;
  private streamGone = false;
  private call: LiveCallParts | undefined;
  private lastSequence: number | undefined;
  private frames = 0;
  private digits = 0;
  private settle!: (outcome: SessionOutcome) => void;
  private log: Logger;
  /** How the stream must end; settles once the call (if any) has fully ended. */
  readonly outcome = new Promise<SessionOutcome>((resolve) => { this.settle = resolve; });

  /** When the media side last sent anything (or the read side was last resumed). */
  private lastActivityMs = Date.now();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: SessionDeps,
    private readonly port: MediaStreamPort,
  ) {
    this.log = deps.logger;
    this.armWatchdog(deps.settings.startTimeoutMs);
    void this.outcome.then(() => { clearTimeout(this.watchdog); });
  }

  // One timer per stream, re-armed only when it fires: a message just stamps lastActivityMs.
  private armWatchdog(delayMs: number): void {
    this.watchdog = setTimeout(() => { this.onWatchdog(); }, delayMs);
    this.watchdog.unref();
  }

  private onWatchdog(): void {
    const { startTimeoutMs, mediaTimeoutMs } = this.deps.settings;
    if (this.state === 'awaiting-start') {
      this.refuse(new SwitchboardError('DEADLINE_EXCEEDED', `no start message within ${startTimeoutMs} ms`));
      return;
    }
    if (this.state === 'ended' || this.state === 'ending') return;
    // While we hold the read side (start-up, back-pressure) silence is ours, not the peer's.
    const idleMs = this.held.size > 0 ? 0 : Date.now() - this.lastActivityMs;
    if (this.state === 'live' && idleMs >= mediaTimeoutMs) {
      this.requestEnd({ reason: EndReason.END_REASON_MEDIA_TIMEOUT, detail: `no media for ${mediaTimeoutMs} ms`, status: new SwitchboardError('DEADLINE_EXCEEDED', `no media for ${mediaTimeoutMs} ms`) });
      return;
    }
    this.armWatchdog(Math.max(50, mediaTimeoutMs - idleMs));
  }

  /** Rejects the stream before any call exists (not ready, draining). */
  refuse(error: SwitchboardError): void {
    if (this.state !== 'awaiting-start') return;
    this.state = 'ended';
    this.settle({ kind: 'error', error });
  }

  handle(message: MediaClientMessage): void {
    this.lastActivityMs = Date.now();
    switch (this.state) {
      case 'awaiting-start': this.onFirstMessage(message); return;
      case 'starting': this.early.push(message); return;
      case 'live': this.onLiveMessage(message); return;
      default:
        // The call is over (bot hang-up, shutdown, protocol error): later frames are not part of it.
        if (message.audio && this.call !== undefined) this.deps.metrics.framesAfterEnd.inc();
    }
  }

  /**
   * The transport could not read the next message (undecodable, too large, compressed): nothing
   * after it can be trusted, so the call ends PROTOCOL_ERROR (or the stream is refused before start).
   */
  onUnreadableMessage(error: SwitchboardError): void {
    if (this.state === 'awaiting-start') this.refuse(error);
    else this.requestEnd({ reason: EndReason.END_REASON_PROTOCOL_ERROR, detail: error.message, status: error });
  }

  /** The media side half-closed its stream: a hang-up without a message. */
  onHalfClose(): void {
    // Node's http2 can report a reset stream as a half-close first and the abort a moment later;
    // waiting a moment keeps a lost stream from being recorded as a hang-up.
    setTimeout(() => {
      if (this.streamGone) return;
      if (this.state === 'awaiting-start') this.refuse(new SwitchboardError('INVALID_ARGUMENT', 'the stream ended before its start message'));
      else this.requestEnd({ reason: EndReason.END_REASON_CALLER_HANGUP, detail: 'media side closed the stream' });
    }, HALF_CLOSE_SETTLE_MS);
  }

  /** The transport went away (cancelled, connection lost): nothing can be sent any more. */
  onStreamLost(): void {
    this.streamGone = true;
    if (this.state === 'awaiting-start') {
      this.state = 'ended';
      this.settle({ kind: 'gone' });
      return;
    }
    this.requestEnd({ reason: EndReason.END_REASON_STREAM_LOST, detail: 'stream cancelled or lost' });
  }

  /** Drain deadline passed: end with SHUTDOWN; the media side gets UNAVAILABLE (try another gateway). */
  async shutdown(): Promise<void> {
    this.requestEnd({ reason: EndReason.END_REASON_SHUTDOWN, detail: 'gateway shutting down', status: new SwitchboardError('UNAVAILABLE', 'gateway is shutting down') });
    await this.outcome;
  }

  private onFirstMessage(message: MediaClientMessage): void {
    if (!message.start) {
      this.refuse(new SwitchboardError('INVALID_ARGUMENT', 'the first message of a stream must be start'));
      return;
    }
    let spec: CallSpec;
    try {
      spec = validateStart(message.start, this.deps.settings.tenantAllowlist);
      this.deps.registry.register(spec.callId, this);
    } catch (err) {
      this.refuse(asSwitchboardError(err));
      return;
    }
    this.state = 'starting';
    // Nothing is read until the call is accepted; what already arrived waits in `early`.
    this.hold('starting');
    void this.accept(message.start, spec).catch((err: unknown) => { this.fail(err); });
  }

  private async accept(start: StreamStart, spec: CallSpec): Promise<void> {
    const { deps } = this;
    const gate = { pause: () => { this.hold('flow'); }, resume: () => { this.release('flow'); } };
    const pipeline = new CallPipeline(deps, spec, gate, (err, frames) => {
      if (this.state === 'live') this.log.error('publish failed: ending the call', { error: errorMessage(err), framesDropped: frames });
      this.requestEnd({ reason: EndReason.END_REASON_UNSPECIFIED, detail: 'event log unavailable', status: new SwitchboardError('UNAVAILABLE', 'event log unavailable') });
    });
    const { records } = pipeline;
    this.log = deps.logger.child({ conversationId: records.conversationId, tenantId: spec.tenantId });
    const voice = new CallVoice({
      relay: deps.relay, format: spec.format, tenantId: spec.tenantId, metrics: deps.metrics,
      write: (m) => { if (!this.streamGone) this.port.write(m); },
      endCall: (reason, detail) => { this.requestEnd({ reason, detail }); },
    }, this.log);
    let control: ControlSubscription | undefined;
    const startedAtMs = Date.now();
    try {
      control = deps.control.subscribeToCall(records.conversationId, (env) => { voice.onControl(env); });
      // The subscription must be live before anyone can learn the conversation id (CallStarted,
      // StreamAccepted), or an early action would be lost.
      await deps.control.flush();
      pipeline.push(records.record('callStarted', {
        callId: spec.callId, callerNumber: start.callerNumber, calleeNumber: start.calleeNumber,
        codec: spec.format.codec, sampleRateHz: spec.format.sampleRateHz, channel: 'grpc', attributes: { ...start.attributes },
      }, startedAtMs));
      pipeline.push(records.record('callAnswered', { answeredAtMs: Date.now() }));
      await pipeline.acknowledged();
    } catch (err) {
      control?.unsubscribe();
      pipeline.close();
      deps.registry.release(spec.callId, this);
      this.log.error('call could not start', { error: errorMessage(err) });
      this.state = 'ended';
      voice.close();
      this.settle({ kind: 'error', error: new SwitchboardError('UNAVAILABLE', 'event log or control plane unavailable: call not started') });
      return;
    }
    this.call = { pipeline, control, voice, answeredAtMs: Date.now() };
    this.state = 'live';
    this.log.debug('call started');
    if (!this.streamGone) this.port.write({ accepted: { callId: spec.callId, conversationId: records.conversationId } });
    voice.start(this.log);
    const early = this.early;
    this.early = [];
    for (const m of early) this.handle(m);
    if (this.pendingEnd) this.requestEnd(this.pendingEnd);
    this.release('starting');
  }

  private onLiveMessage(message: MediaClientMessage): void {
    const { pipeline, voice } = this.call!;
    try {
      if (message.audio) {
        const frame = message.audio;
        validateFrame(frame, pipeline.spec.format, this.lastSequence);
        this.lastSequence = frame.sequence;
        this.frames += 1;
        this.deps.metrics.framesIn.inc();
        pipeline.addFrame(frame.sequence, frame.payload);
        voice.onCallerFrame(frame.payload);
      } else if (message.dtmf) {
        validateDtmf(message.dtmf);
        // Audio before the key press is published before it.
        pipeline.flushAudio();
        this.digits += 1;
        pipeline.push(pipeline.records.record('dtmf', { digit: message.dtmf.digit, durationMs: message.dtmf.durationMs, sequence: this.lastSequence ?? 0 }));
      } else if (message.hangup) {
        const detail = message.hangup.reason === '' ? 'caller hung up' : message.hangup.reason.slice(0, MAX_DETAIL_LENGTH);
        this.requestEnd({ reason: EndReason.END_REASON_CALLER_HANGUP, detail });
      } else if (message.start) {
        throw new SwitchboardError('FAILED_PRECONDITION', 'this stream has already started a call');
      } else {
        throw new SwitchboardError('INVALID_ARGUMENT', 'message carries none of start, audio, dtmf, hangup');
      }
    } catch (err) {
      const status = asSwitchboardError(err);
      this.requestEnd({ reason: EndReason.END_REASON_PROTOCOL_ERROR, detail: status.message, status });
    }
  }

  private requestEnd(request: EndRequest): void {
    if (this.state === 'starting') this.pendingEnd ??= request;
    else if (this.state === 'live') void this.finish(request).catch((err: unknown) => { this.fail(err); });
  }

  /** A bug in this class must still end the stream (INTERNAL) rather than leave it hanging. */
  private fail(err: unknown): void {
    this.log.error('call session failed', { error: errorMessage(err) });
    this.state = 'ended';
    this.call?.voice.close();
    this.call?.pipeline.close();
    if (this.call) this.deps.registry.release(this.call.pipeline.spec.callId, this);
    this.settle({ kind: 'error', error: asSwitchboardError(err) });
  }

  private async finish(request: EndRequest): Promise<void> {
    const { pipeline, control, voice, answeredAtMs } = this.call!;
    this.state = 'ending';
    control.unsubscribe();
    voice.close();
    pipeline.flushAudio();
    const ended = (): OutboundRecord => pipeline.records.record('callEnded', {
      reason: request.reason, detail: request.detail, durationMs: Date.now() - answeredAtMs,
      audioFrames: this.frames, dtmfDigits: this.digits,
    });
    try {
      await pipeline.publishLast(ended);
    } catch (err) {
      this.log.error('CallEnded could not be published', { error: errorMessage(err) });
    }
    pipeline.close();
    this.deps.registry.release(pipeline.spec.callId, this);
    this.deps.metrics.callsEnded.inc({ reason: EndReason[request.reason] });
    this.log.info('call ended', { reason: EndReason[request.reason], frames: this.frames, keyPresses: this.digits });
    this.state = 'ended';
    if (request.status) this.settle({ kind: 'error', error: request.status });
    else this.settle({ kind: this.streamGone ? 'gone' : 'ok' });
  }

  private hold(reason: 'starting' | 'flow'): void {
    if (this.held.size === 0) this.port.pause();
    this.held.add(reason);
  }

  private release(reason: 'starting' | 'flow'): void {
    if (!this.held.delete(reason)) return;
    if (this.held.size === 0) {
      this.lastActivityMs = Date.now();
      this.port.resume();
    }
  }
}

interface LiveCallParts {
  readonly pipeline: CallPipeline;
  readonly control: ControlSubscription;
  readonly voice: CallVoice;
  readonly answeredAtMs: number;
}
