// The non-INVITE server transaction (RFC 3261 §17.2.2): trying → (1xx) proceeding → (final)
// completed → Timer J (64·T1 on UDP, 0 on TCP) → terminated. A retransmitted request gets the
// last response again; in trying (nothing sent yet) it is absorbed.
import type { ServerTransactionDeps } from './invite-server';
import { timeoutMs, type TimerHandle } from './timers';

export type NonInviteServerState = 'trying' | 'proceeding' | 'completed' | 'terminated';

export class NonInviteServerTransaction {
  private stateValue: NonInviteServerState = 'trying';
  private lastResponse: Buffer | undefined;
  private timerJ: TimerHandle | undefined;

  constructor(private readonly deps: ServerTransactionDeps) {}

  get state(): NonInviteServerState {
    return this.stateValue;
  }

  onRetransmission(): void {
    if (this.lastResponse && (this.stateValue === 'proceeding' || this.stateValue === 'completed')) this.deps.send(this.lastResponse);
  }

  respond(status: number, response: Buffer): void {
    if (this.stateValue === 'completed' || this.stateValue === 'terminated') throw new Error(`transaction is ${this.stateValue}: no more responses`);
    this.lastResponse = response;
    this.deps.send(response);
    if (status < 200) {
      this.stateValue = 'proceeding';
      return;
    }
    this.stateValue = 'completed';
    this.timerJ = this.deps.scheduler.after(this.deps.reliable ? 0 : timeoutMs(this.deps.timers), () => { this.terminate(); });
  }

  onTransportError(): void {
    this.terminate();
  }

  /** The endpoint is shutting down: the timers stop and nothing more is sent. */
  close(): void {
    this.terminate();
  }

  private terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.timerJ?.cancel();
    this.deps.onTerminated();
  }
}
