// The live calls: new INVITEs become calls (up to the configured maximum, then 503), in-dialog
// requests and ACKs find theirs by Call-ID and our To tag, and a once-a-second sweep ends calls
// whose media stopped. The counts here are what /healthz reports and what tests check for leaks.
import type { SipRequest } from '../sip/message/message';
import { buildResponse, reasonPhrase } from '../sip/message/serialize';
import type { InviteServerTransaction } from '../sip/transaction/invite-server';
import type { NonInviteServerTransaction } from '../sip/transaction/non-invite-server';
import type { ReplyPath } from '../sip/transaction/server-transactions';
import { newTag, type DialogPort, type InvitePort } from '../sip/ua/uas-core';
import type { Source } from '../sip/transport/source';
import type { DigestGuard } from '../sip/auth/digest-guard';
import { Call } from './call';
import type { CallContext, SignalSender } from './call-context';

export interface CallCounters {
  offered: number;
  refusedAtCapacity: number;
  ended: number;
}

const dialogKey = (callId: string, localTag: string): string => `${callId}\u0000${localTag}`;

export class CallRegistry implements InvitePort, DialogPort {
  readonly counters: CallCounters = { offered: 0, refusedAtCapacity: 0, ended: 0 };
  /** Each live call with the keys it is filed under. */
  private readonly calls = new Map<Call, { readonly invite: InviteServerTransaction; readonly dialog: string }>();
  private readonly byInvite = new Map<InviteServerTransaction, Call>();
  private readonly byDialog = new Map<string, Call>();
  private readonly endedWaiters: Array<() => void> = [];

  constructor(
    private readonly ctx: CallContext,
    private readonly signalFor: (source: Source, reply: ReplyPath) => SignalSender,
    private readonly maxCalls: number,
    /** Told of every call once it has ended (totals for metrics). */
    private readonly onEnded: (call: Call) => void = () => undefined,
    /** Digest authentication of new calls, when configured. */
    private readonly auth?: DigestGuard,
  ) {}

  get live(): number {
    return this.calls.size;
  }

  /** Live calls (tests, drain). */
  list(): readonly Call[] {
    return [...this.calls.keys()];
  }

  onInvite(request: SipRequest, transaction: InviteServerTransaction, source: Source, reply: ReplyPath): void {
    this.counters.offered++;
    if (this.auth) {
      const outcome = this.auth.check(request, source.address);
      if (!outcome.ok) {
        transaction.respond(outcome.status, buildResponse(request.headers, outcome.status, reasonPhrase(outcome.status), { toTag: newTag(), headers: outcome.headers }));
        return;
      }
    }
    if (this.calls.size >= this.maxCalls) {
      this.counters.refusedAtCapacity++;
      transaction.respond(503, buildResponse(request.headers, 503, reasonPhrase(503, 'Service Unavailable (at capacity)'), {
        toTag: newTag(), headers: [['Retry-After', String(this.ctx.settings.retryAfterS)]],
      }));
      return;
    }
    const call = new Call(request, transaction, source, this.signalFor(source, reply), reply.send, this.ctx, (c) => { this.forget(c); });
    const key = dialogKey(request.callId, call.localTagValue);
    this.calls.set(call, { invite: transaction, dialog: key });
    this.byInvite.set(transaction, call);
    this.byDialog.set(key, call);
    void call.start().catch((err: unknown) => {
      this.ctx.log.warn('call setup failed', { callId: call.id, error: err instanceof Error ? err.message : 'unknown' });
      call.hangUp('setup failed');
    });
  }

  onCancel(invite: InviteServerTransaction): void {
    this.byInvite.get(invite)?.onCancel();
  }

  exists(request: SipRequest): boolean {
    return this.find(request) !== undefined;
  }

  onRequest(request: SipRequest, transaction: NonInviteServerTransaction | InviteServerTransaction): void {
    this.find(request)?.onInDialog(request, transaction);
  }

  onAck(request: SipRequest): void {
    this.find(request)?.onAck();
  }

  /** Ends calls whose peer stopped sending media. */
  sweep(nowMs: number): void {
    for (const call of this.calls.keys()) call.checkMedia(nowMs);
  }

  /** Ends every live call (shutdown deadline). */
  hangUpAll(reason: string): void {
    for (const call of [...this.calls.keys()]) call.hangUp(reason);
  }

  /** Resolves once no call is live. */
  whenIdle(): Promise<void> {
    if (this.calls.size === 0) return Promise.resolve();
    return new Promise((resolve) => { this.endedWaiters.push(resolve); });
  }

  private find(request: SipRequest): Call | undefined {
    const tag = request.to.params.get('tag');
    if (tag === undefined) return undefined;
    const call = this.byDialog.get(dialogKey(request.callId, tag));
    return call?.matches(request) ? call : undefined;
  }

  private forget(call: Call): void {
    const keys = this.calls.get(call);
    if (!keys) return;
    this.calls.delete(call);
    this.counters.ended++;
    this.onEnded(call);
    this.byInvite.delete(keys.invite);
    this.byDialog.delete(keys.dialog);
    if (this.calls.size === 0) for (const w of this.endedWaiters.splice(0)) w();
  }
}
