// The INVITE server transaction (RFC 3261 §17.2.1 with RFC 6026's Accepted state).
//   proceeding ─1xx─▶ proceeding        a retransmitted INVITE gets the last provisional again
//   proceeding ─2xx─▶ accepted          Timer L (64·T1); retransmitted INVITEs are absorbed, the
//                                        2xx itself is retransmitted by the UAS core until ACK
//   proceeding ─3xx–6xx─▶ completed     Timer G resends it (T1, doubling up to T2, UDP only),
//                                        Timer H (64·T1) gives up: the TU hears "no ACK"
//   completed ─ACK─▶ confirmed          Timer I (T4 on UDP, 0 on TCP) absorbs late ACKs
//   accepted / confirmed ─timer─▶ terminated
import { timeoutMs, type Scheduler, type TimerHandle, type TimerSettings } from './timers';

export type InviteServerState = 'proceeding' | 'accepted' | 'completed' | 'confirmed' | 'terminated';

/** What a transaction needs, server or client side (for a client, `send` sends the request). */
export interface ServerTransactionDeps {
  readonly timers: TimerSettings;
  readonly scheduler: Scheduler;
  /** Whether the transport retransmits by itself (TCP): then no Timer G, and I/J are 0. */
  readonly reliable: boolean;
  /** Sends a response (the transport has already chosen where to). */
  readonly send: (response: Buffer) => void;
  /** The transaction is over: remove it from the table. */
  readonly onTerminated: () => void;
}

export class InviteServerTransaction {
  private stateValue: InviteServerState = 'proceeding';
  private lastResponse: Buffer | undefined;
  private retransmit: TimerHandle | undefined;
  private timeout: TimerHandle | undefined;
  /** Called once when a non-2xx final response was never acknowledged (Timer H). */
  onNoAck: (() => void) | undefined;

  constructor(private readonly deps: ServerTransactionDeps) {}

  get state(): InviteServerState {
    return this.stateValue;
  }

  /** The same INVITE arrived again. */
  onRetransmission(): void {
    // Proceeding: the last provisional again. Completed: the final again. Accepted: absorbed (the
    // UAS core keeps sending the 2xx until its ACK).
    if ((this.stateValue === 'proceeding' || this.stateValue === 'completed') && this.lastResponse) this.deps.send(this.lastResponse);
  }

  /** An ACK matched this transaction: only a non-2xx final response is acknowledged here. */
  onAck(): void {
    if (this.stateValue !== 'completed') return;
    this.stateValue = 'confirmed';
    this.stopTimers();
    this.timeout = this.deps.scheduler.after(this.deps.reliable ? 0 : this.deps.timers.t4Ms, () => { this.terminate(); });
  }

  /** The TU answers: a 1xx keeps the transaction going, a final response moves it on. */
  respond(status: number, response: Buffer): void {
    if (this.stateValue !== 'proceeding') throw new Error(`INVITE transaction is ${this.stateValue}: no more responses`);
    this.lastResponse = response;
    this.deps.send(response);
    if (status < 200) return;
    const { timers, scheduler } = this.deps;
    if (status < 300) {
      this.stateValue = 'accepted';
      this.timeout = scheduler.after(timeoutMs(timers), () => { this.terminate(); });
      return;
    }
    this.stateValue = 'completed';
    if (!this.deps.reliable) this.scheduleG(timers.t1Ms);
    this.timeout = scheduler.after(timeoutMs(timers), () => {
      this.terminate();
      this.onNoAck?.();
    });
  }

  /** The transport reported the response could not be sent (RFC 3261 §17.2.4). */
  onTransportError(): void {
    this.terminate();
  }

  private scheduleG(intervalMs: number): void {
    this.retransmit = this.deps.scheduler.after(intervalMs, () => {
      if (this.stateValue !== 'completed' || !this.lastResponse) return;
      this.deps.send(this.lastResponse);
      this.scheduleG(Math.min(intervalMs * 2, this.deps.timers.t2Ms));
    });
  }

  private stopTimers(): void {
    this.retransmit?.cancel();
    this.timeout?.cancel();
    this.retransmit = undefined;
    this.timeout = undefined;
  }

  /** The endpoint is shutting down: the timers stop and nothing more is sent. */
  close(): void {
    this.terminate();
  }

  private terminate(): void {
    if (this.stateValue === 'terminated') return;
    this.stateValue = 'terminated';
    this.stopTimers();
    this.deps.onTerminated();
  }
}
