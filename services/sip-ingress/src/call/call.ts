// One SIP call bridged to one gateway stream. Setup: 100 Trying at once, the gateway stream is
// opened and 180 Ringing sent; the 200 OK goes out when the gateway has accepted the stream and
// the greeting is queued (or `answerWaitMs` later), so the first RTP packet after the answer is
// already speech. The 2xx is retransmitted until its ACK (RFC 3261 §13.3.1.4); a hang-up asked
// for before the ACK waits for it (§15). Either side can end the call; every way out goes
// through `teardown`, which releases the stream, the RTP port and the clock slot exactly once.
import { randomUUID } from 'node:crypto';
import type { PlayAudio, TransferCall } from '@switchboard/contracts';
import type { SipRequest } from '../sip/message/message';
import { buildResponse, reasonPhrase } from '../sip/message/serialize';
import type { InviteServerTransaction } from '../sip/transaction/invite-server';
import type { NonInviteServerTransaction } from '../sip/transaction/non-invite-server';
import { timeoutMs, type TimerHandle } from '../sip/transaction/timers';
import { Dialog } from '../sip/ua/dialog';
import { ALLOW, newTag } from '../sip/ua/uas-core';
import type { Source } from '../sip/transport/source';
import { writeAnswer } from '../sdp/answer';
import { readOffer, type AudioOffer, type Direction } from '../sdp/offer';
import { MediaSession } from '../rtp/media-session';
import type { RtpPort } from '../rtp/port-pool';
import type { CallContext, SignalSender } from './call-context';
import { GATEWAY_CODEC, GatewayLink, type GatewayEvents } from './gateway-link';
import { callerOf, calleeOf } from './numbers';

export type CallState = 'setup' | 'answered' | 'confirmed' | 'ended';
type AnyServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

/** Directions in which the peer sends us audio / accepts ours. */
const PEER_SENDS: ReadonlySet<Direction> = new Set(['sendrecv', 'sendonly']);
const PEER_RECEIVES: ReadonlySet<Direction> = new Set(['sendrecv', 'recvonly']);

export class Call implements GatewayEvents {
  readonly id = `sip-${randomUUID()}`;
  private stateValue: CallState = 'setup';
  private readonly localTag = newTag();
  private dialog: Dialog | undefined;
  private offer: AudioOffer | undefined;
  private rtp: RtpPort | undefined;
  private media: MediaSession | undefined;
  private link: GatewayLink | undefined;
  private linkClosed = false;
  private accepted = false;
  private conversationId = '';
  private readonly sessionId = Math.floor(Math.random() * 1e9);
  private sessionVersion = 1;
  private setupTimer: TimerHandle | undefined;
  /** The latest 2xx (INVITE or re-INVITE) waiting for its ACK. */
  private unacked: { retransmit: TimerHandle | undefined; timeout: TimerHandle } | undefined;
  private pendingBye: { reason: string; cause: number } | undefined;
  private referPending = false;
  /** Why the call ended (for tests and logs; never PII). */
  endReason = '';

  constructor(
    private readonly invite: SipRequest,
    private readonly transaction: InviteServerTransaction,
    private readonly source: Source,
    private readonly signal: SignalSender,
    private readonly reply: (bytes: Buffer) => void,
    private readonly ctx: CallContext,
    private readonly onEnded: (call: Call) => void,
  ) {}

  /** Our To tag: with the Call-ID, how in-dialog requests find this call. */
  get localTagValue(): string {
    return this.localTag;
  }

  get state(): CallState {
    return this.stateValue;
  }

  get mediaSession(): MediaSession | undefined {
    return this.media;
  }

  /** The RTP port this call's media is received on (after the INVITE was accepted). */
  get rtpPort(): number | undefined {
    return this.rtp?.port;
  }

  get gatewayLink(): GatewayLink | undefined {
    return this.link;
  }

  matches(request: SipRequest): boolean {
    return this.dialog !== undefined && this.stateValue !== 'setup' && this.dialog.matches(request);
  }

  async start(): Promise<void> {
    const { ctx, invite } = this;
    this.transaction.respond(100, buildResponse(invite.headers, 100, 'Trying'));
    const made = Dialog.fromInvite(invite, this.localTag, this.source, ctx.local);
    if (!made.ok) { this.reject(400, made.detail); return; }
    this.dialog = made.dialog;
    if (invite.body.length === 0) { this.reject(488, 'Offer Required (delayed offer is not supported)'); return; }
    const read = readOffer(invite.body.toString('latin1'), { codecs: ctx.settings.codecs, mediaAddressAllowed: ctx.mediaAddressAllowed });
    if (!read.ok) { this.reject(read.status, read.detail, read.status === 488 ? [['Warning', `399 ${ctx.local.host} "${read.detail}"`]] : []); return; }
    this.offer = read.offer;
    try {
      this.rtp = await ctx.ports.open();
    } catch {
      { this.reject(503, 'Service Unavailable (no RTP port)', [['Retry-After', String(ctx.settings.retryAfterS)]]); return; }
    }
    if (this.stateValue === 'ended') {
      // Cancelled while the port was being bound.
      await ctx.ports.release(this.rtp);
      return;
    }
    this.openMedia(read.offer, this.rtp);
    this.link = new GatewayLink(ctx.openStream(), this, ctx.settings.maxPendingFrames);
    this.link.start({
      callId: this.id,
      tenantId: ctx.settings.tenantId,
      codec: GATEWAY_CODEC[read.offer.codec],
      sampleRateHz: 8000,
      callerNumber: callerOf(invite),
      calleeNumber: calleeOf(invite),
      attributes: { language: ctx.settings.language, 'sip.call_id': invite.callId.slice(0, 256), 'sip.transport': this.source.transport },
    });
    this.transaction.respond(180, this.response(180, [['Contact', this.dialog.contact()], ...Dialog.recordRoute(invite)]));
    // A gateway that neither accepts nor refuses must not hold the caller forever.
    this.setupTimer = ctx.scheduler.after(ctx.settings.answerWaitMs + timeoutMs(ctx.settings.timers) / 4, () => {
      this.reject(503, 'Service Unavailable (gateway did not answer)', [['Retry-After', String(ctx.settings.retryAfterS)]]);
    });
  }

  // ---- SIP events -------------------------------------------------------------------------

  /** CANCEL of the INVITE while it is still proceeding (the CANCEL itself is already answered). */
  onCancel(): void {
    if (this.stateValue !== 'setup') return;
    this.transaction.respond(487, this.response(487));
    this.teardown('cancelled');
  }

  onAck(): void {
    this.stopUnacked();
    if (this.stateValue !== 'answered') return;
    this.stateValue = 'confirmed';
    if (this.pendingBye) this.bye(this.pendingBye.reason, this.pendingBye.cause);
  }

  onInDialog(request: SipRequest, transaction: AnyServerTransaction): void {
    const dialog = this.dialog!;
    if (!dialog.acceptCSeq(request)) {
      transaction.respond(500, this.response(500, [], 'CSeq out of order', request));
      return;
    }
    switch (request.method) {
      case 'BYE':
        transaction.respond(200, this.response(200, [], undefined, request));
        this.teardown('caller hung up');
        return;
      case 'INVITE':
        this.onReinvite(request, transaction as InviteServerTransaction);
        return;
      case 'NOTIFY':
        transaction.respond(200, this.response(200, [], undefined, request));
        this.onNotify(request);
        return;
      default:
        transaction.respond(200, this.response(200, [['Allow', ALLOW]], undefined, request));
    }
  }

  /** Called by the registry's sweep: ends a call whose peer stopped sending RTP. */
  checkMedia(nowMs: number): void {
    if (this.stateValue !== 'confirmed' || !this.media || !this.offer || !PEER_SENDS.has(this.offer.direction)) return;
    if (nowMs - this.media.lastPacketMs >= this.ctx.settings.mediaTimeoutMs) this.bye('media timeout', 408);
  }

  /** Ends the call from our side (drain deadline, shutdown). */
  hangUp(reason: string): void {
    if (this.stateValue === 'setup') this.reject(503, 'Service Unavailable', [['Retry-After', String(this.ctx.settings.retryAfterS)]]);
    else this.bye(reason, 503);
  }

  // ---- gateway events ---------------------------------------------------------------------

  onAccepted(conversationId: string): void {
    this.accepted = true;
    this.conversationId = conversationId;
    if (this.stateValue !== 'setup') return;
    this.setupTimer?.cancel();
    if (this.media!.sender.queuedFrames > 0) this.answer();
    else this.setupTimer = this.ctx.scheduler.after(this.ctx.settings.answerWaitMs, () => { this.answer(); });
  }

  onPlay(play: PlayAudio): void {
    if (this.stateValue === 'ended' || !this.media) return;
    this.media.sender.enqueue(play.actionId, play.audio);
    if (this.stateValue === 'setup' && this.accepted) this.answer();
  }

  onStopPlayback(actionId: string): void {
    this.media?.sender.stop(actionId);
  }

  onTransfer(transfer: TransferCall): void {
    if (this.stateValue !== 'confirmed' && this.stateValue !== 'answered') return;
    const target = this.ctx.settings.transferUriTemplate.replace('{queue}', encodeURIComponent(transfer.queue));
    const referTo = `<${target}?X-Switchboard-Conversation=${encodeURIComponent(this.conversationId)}>`;
    const request = this.dialog!.buildRequest('REFER', [['Refer-To', referTo], ['Referred-By', this.dialog!.contact()]]);
    this.referPending = true;
    void this.ctx.clientTransactions.send(request.branch, 'REFER', request.bytes, this.requestPath(request.nextHop)).then((outcome) => {
      if (outcome.kind === 'response' && outcome.response.status < 300) return;
      this.referPending = false;
      this.ctx.log.warn('transfer refused', { callId: this.id, status: outcome.kind === 'response' ? outcome.response.status : 'timeout' });
      this.bye('transfer failed', 500);
    });
  }

  onHangup(): void {
    if (this.stateValue === 'setup') this.reject(480, 'Temporarily Unavailable');
    else this.bye('bot hung up', 200);
  }

  onClosed(ok: boolean): void {
    this.linkClosed = true;
    if (this.stateValue === 'setup') this.reject(503, 'Service Unavailable (gateway refused the call)', [['Retry-After', String(this.ctx.settings.retryAfterS)]]);
    else if (this.stateValue !== 'ended') this.bye(ok ? 'gateway ended the call' : 'gateway failure', ok ? 200 : 503);
  }

  // ---- internals --------------------------------------------------------------------------

  private openMedia(offer: AudioOffer, rtp: RtpPort): void {
    const { ctx } = this;
    this.media = new MediaSession({
      socket: rtp.socket,
      remote: { address: offer.address, port: offer.port },
      codec: offer.codec,
      payloadType: offer.payloadType,
      telephoneEvent: offer.telephoneEvent,
      sourceAllowed: ctx.mediaAddressAllowed,
      playoutDelayMs: ctx.settings.playoutDelayMs,
      reorderFrames: ctx.settings.reorderFrames,
      onFrame: (payload) => { this.link?.audio(payload); },
      onDigit: (digit, durationMs) => { this.link?.dtmf(digit, durationMs); },
      now: ctx.now,
    });
    ctx.clock.add(this.media);
  }

  private answerBody(): Buffer {
    return Buffer.from(writeAnswer(this.offer!, { address: this.ctx.local.host, port: this.rtp!.port, sessionId: this.sessionId, sessionVersion: this.sessionVersion }), 'latin1');
  }

  private answer(): void {
    if (this.stateValue !== 'setup') return;
    this.setupTimer?.cancel();
    const body = this.answerBody();
    const headers: [string, string][] = [['Contact', this.dialog!.contact()], ...Dialog.recordRoute(this.invite), ['Allow', ALLOW], ['Content-Type', 'application/sdp']];
    const ok = buildResponse(this.invite.headers, 200, 'OK', { toTag: this.localTag, headers, body });
    this.transaction.respond(200, ok);
    this.stateValue = 'answered';
    this.media!.sender.enabled = PEER_RECEIVES.has(this.offer!.direction);
    this.awaitAck(ok);
  }

  /** Retransmits a 2xx until its ACK; no ACK in 64·T1 ends the call (§13.3.1.4). */
  private awaitAck(response: Buffer): void {
    this.stopUnacked();
    const { timers } = this.ctx.settings;
    const resend = (intervalMs: number): TimerHandle => this.ctx.scheduler.after(intervalMs, () => {
      if (!this.unacked) return;
      this.reply(response);
      this.unacked.retransmit = resend(Math.min(intervalMs * 2, timers.t2Ms));
    });
    this.unacked = {
      retransmit: this.signal.reliable ? undefined : resend(timers.t1Ms),
      timeout: this.ctx.scheduler.after(timeoutMs(timers), () => {
        this.unacked = undefined;
        if (this.stateValue === 'answered') this.stateValue = 'confirmed';
        this.bye('no ACK', 408);
      }),
    };
  }

  private stopUnacked(): void {
    this.unacked?.retransmit?.cancel();
    this.unacked?.timeout.cancel();
    this.unacked = undefined;
  }

  private onReinvite(request: SipRequest, transaction: InviteServerTransaction): void {
    if (this.unacked) {
      transaction.respond(500, this.response(500, [['Retry-After', '1']], 'Previous answer not yet acknowledged', request));
      return;
    }
    if (request.body.length === 0) {
      transaction.respond(488, this.response(488, [], 'Offer Required (delayed offer is not supported)', request));
      return;
    }
    const read = readOffer(request.body.toString('latin1'), { codecs: this.ctx.settings.codecs, mediaAddressAllowed: this.ctx.mediaAddressAllowed });
    if (!read.ok) {
      // The session goes on as it was (RFC 3264 §8: a refused offer changes nothing).
      transaction.respond(read.status, this.response(read.status, [], read.detail, request));
      return;
    }
    this.offer = read.offer;
    this.dialog!.updateTarget(request);
    this.media!.retarget(read.offer.address, read.offer.port);
    this.media!.sender.enabled = PEER_RECEIVES.has(read.offer.direction);
    if (PEER_SENDS.has(read.offer.direction)) this.media!.lastPacketMs = this.ctx.now();
    this.sessionVersion++;
    const headers: [string, string][] = [['Contact', this.dialog!.contact()], ['Allow', ALLOW], ['Content-Type', 'application/sdp']];
    const ok = buildResponse(request.headers, 200, 'OK', { toTag: this.localTag, headers, body: this.answerBody() });
    transaction.respond(200, ok);
    this.awaitAck(ok);
  }

  /** NOTIFY of our REFER (RFC 3515): the sipfrag status line says how the transfer went. */
  private onNotify(request: SipRequest): void {
    if (!this.referPending) return;
    const status = /^SIP\/2\.0 (\d{3})/.exec(request.body.toString('latin1'))?.[1];
    if (status === undefined || Number(status) < 200) return;
    this.referPending = false;
    this.bye(Number(status) < 300 ? 'transferred' : 'transfer failed', Number(status) < 300 ? 200 : 500);
  }

  private bye(reason: string, cause: number): void {
    if (this.stateValue === 'ended') return;
    if (this.stateValue === 'answered') {
      this.pendingBye = { reason, cause };
      return;
    }
    if (this.stateValue === 'setup') { this.reject(480, 'Temporarily Unavailable'); return; }
    const request = this.dialog!.buildRequest('BYE', [['Reason', `SIP;cause=${cause};text="${reason}"`]]);
    void this.ctx.clientTransactions.send(request.branch, 'BYE', request.bytes, this.requestPath(request.nextHop));
    this.teardown(reason);
  }

  private reject(status: number, detail: string, headers: [string, string][] = []): void {
    if (this.stateValue !== 'setup') return;
    this.transaction.respond(status, this.response(status, headers, detail));
    this.teardown(`rejected ${status}`);
  }

  private requestPath(nextHop: { address: string; port: number }): { reliable: boolean; send: (bytes: Buffer) => void } {
    return { reliable: this.signal.reliable, send: (bytes) => { this.signal.send(bytes, nextHop); } };
  }

  private response(status: number, headers: [string, string][] = [], detail?: string, request: SipRequest = this.invite): Buffer {
    return buildResponse(request.headers, status, reasonPhrase(status, detail), { toTag: this.localTag, headers });
  }

  private teardown(reason: string): void {
    if (this.stateValue === 'ended') return;
    this.stateValue = 'ended';
    this.endReason = reason;
    this.setupTimer?.cancel();
    this.stopUnacked();
    if (this.link && !this.linkClosed) this.link.hangup(reason);
    if (this.media) this.ctx.clock.delete(this.media);
    if (this.rtp) void this.ctx.ports.release(this.rtp);
    this.ctx.log.info('call ended', { callId: this.id, reason });
    this.onEnded(this);
  }
}
