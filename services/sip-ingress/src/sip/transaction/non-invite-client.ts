// The non-INVITE client transaction (RFC 3261 §17.1.2) for the requests this endpoint sends in
// a dialog (BYE, REFER): Timer E resends the request on UDP (T1 doubling up to T2, at T2 once a
// provisional came), Timer F (64·T1) gives up, Timer K (T4 on UDP, 0 on TCP) absorbs
// retransmitted final responses after the first one was delivered.
import type { SipResponse } from '../message/message';
import type { ServerTransactionDeps } from './invite-server';
import { timeoutMs, type TimerHandle } from './timers';

export type ClientOutcome =
  | { readonly kind: 'response'; readonly response: SipResponse }
  | { readonly kind: 'timeout' };

export class NonInviteClientTransaction {
  private state: 'trying' | 'proceeding' | 'completed' | 'terminated' = 'trying';
  private retransmit: TimerHandle | undefined;
  private timeout: TimerHandle | undefined;
  /** Settles with the first final response, or a timeout. */
  readonly outcome: Promise<ClientOutcome>;
  private settle!: (o: ClientOutcome) => void;

  constructor(private readonly request: Buffer, private readonly deps: ServerTransactionDeps) {
    this.outcome = new Promise((resolve) => { this.settle = resolve; });
  }

  start(): void {
    const { timers, scheduler } = this.deps;
    this.deps.send(this.request);
    if (!this.deps.reliable) this.scheduleE(timers.t1Ms);
    this.timeout = scheduler.after(timeoutMs(timers), () => {
      this.settle({ kind: 'timeout' });
      this.terminate();
    });
  }

  onResponse(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    this.retransmit?.cancel();
    this.timeout?.cancel();
    this.settle({ kind: 'response', response });
    this.timeout = this.deps.scheduler.after(this.deps.reliable ? 0 : this.deps.timers.t4Ms, () => { this.terminate(); });
  }

  private scheduleE(intervalMs: number): void {
    this.retransmit = this.deps.scheduler.after(intervalMs, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.deps.send(this.request);
      const t2 = this.deps.timers.t2Ms;
      this.scheduleE(this.state === 'proceeding' ? t2 : Math.min(intervalMs * 2, t2));
    });
  }

  /** The endpoint is shutting down: the timers stop and nothing more is sent. */
  close(): void {
    this.terminate();
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.retransmit?.cancel();
    this.timeout?.cancel();
    this.deps.onTerminated();
  }
}
