// The bot's side of one call: actions from the control plane become audio played in real time
// (with barge-in), transfers and hang-ups, in arrival order. Actions are rendered one at a time
// (synthesis is async) and start only once the call is accepted, so nothing reaches the media
// side before StreamAccepted; playback runs while the next action is synthesized.
import type { EndReason, Envelope, MediaServerMessage } from '@switchboard/contracts';
import { errorMessage, type Logger } from '@switchboard/runtime';
import type { ActionRelay } from '../control/action-relay';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { DetectorBargeInJudge } from '../playback/barge-in-judge';
import { CallPlayback, type PlaybackEvent } from '../playback/call-playback';
import type { MediaFormat } from './media-format';

export interface CallVoiceOptions {
  readonly relay: ActionRelay;
  readonly format: MediaFormat;
  readonly tenantId: string;
  readonly write: (message: MediaServerMessage) => void;
  readonly metrics: GatewayMetrics;
  /** The bot ended the call (transfer, hang-up), after what it had to say was heard. */
  readonly endCall: (reason: EndReason, detail: string) => void;
}

export class CallVoice {
  private chain: Promise<void>;
  private open!: () => void;
  private closed = false;
  private readonly playback: CallPlayback;
  private log: Logger;

  constructor(private readonly o: CallVoiceOptions, logger: Logger) {
    this.log = logger;
    this.chain = new Promise<void>((resolve) => { this.open = resolve; });
    this.playback = new CallPlayback({
      format: o.format,
      send: (m) => { if (!this.closed) o.write(m); },
      judge: new DetectorBargeInJudge(o.format),
      onEvent: (e) => { this.onPlayback(e); },
    });
  }

  /** The call is accepted (StreamAccepted written): actions may flow. */
  start(logger: Logger): void {
    this.log = logger;
    this.open();
  }

  onControl(env: Envelope): void {
    const action = env.action;
    if (action === undefined || this.closed) return;
    const receivedAtMs = performance.now();
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      if (env.tenantId !== this.o.tenantId) {
        this.log.warn('control action for another tenant ignored', { eventId: env.eventId });
        return;
      }
      const relay = await this.o.relay.relay(action, this.o.format);
      if (relay === undefined || this.closed) return;
      this.o.metrics.actionsRelayed.inc({ kind: relay.kind });
      if ('audio' in relay) {
        this.o.metrics.speechReadyMs.observe(performance.now() - receivedAtMs);
        // A rest that cannot be made ends the prompt after its first sentence.
        const rest = relay.rest?.catch((err: unknown) => {
          this.log.error('the rest of a prompt could not be synthesized', { error: errorMessage(err), actionId: relay.actionId });
          return Buffer.alloc(0);
        });
        this.playback.play(relay.actionId, relay.audio, relay.bargeInAllowed, rest);
      } else {
        const { reason, detail } = relay.ends;
        this.playback.after(relay.message, () => { this.o.endCall(reason, detail); });
      }
    }).catch((err: unknown) => {
      this.log.error('control action failed', { error: errorMessage(err), eventId: env.eventId });
    });
  }

  /** Every caller frame (after validation), for barge-in. */
  onCallerFrame(payload: Buffer): void {
    this.playback.onCallerFrame(payload);
  }

  close(): void {
    this.closed = true;
    this.playback.close();
  }

  private onPlayback(e: PlaybackEvent): void {
    if (e.type === 'barged-in') {
      this.o.metrics.bargeIns.inc();
      this.log.info('caller barged in: prompt stopped', { actionId: e.actionId, playedMs: e.playedMs });
    } else if (e.type === 'backchannel') {
      this.o.metrics.backchannels.inc();
      this.log.debug('caller backchannel: prompt goes on', { actionId: e.actionId });
    }
  }
}
