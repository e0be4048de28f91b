// The table of server transactions: every request goes through `receive`, which either absorbs
// it (a retransmission, the ACK of an error response) or hands it to the UAS core with the
// transaction that must answer it. A CANCEL comes with the INVITE transaction it cancels (or
// none: the core answers 481). An ACK for a 2xx belongs to the dialog, not to a transaction.
import type { SipRequest } from '../message/message';
import { InviteServerTransaction, type ServerTransactionDeps } from './invite-server';
import { NonInviteServerTransaction } from './non-invite-server';
import { serverTransactionKey } from './transaction-key';
import type { Scheduler, TimerSettings } from './timers';

export type Received =
  | { readonly kind: 'invite'; readonly transaction: InviteServerTransaction }
  | { readonly kind: 'request'; readonly transaction: NonInviteServerTransaction }
  | { readonly kind: 'cancel'; readonly transaction: NonInviteServerTransaction; readonly invite: InviteServerTransaction | undefined }
  | { readonly kind: 'ack-for-2xx' }
  | { readonly kind: 'absorbed' };

/** How responses of this request leave: chosen by the transport it came in on. */
export interface ReplyPath {
  readonly reliable: boolean;
  readonly send: (response: Buffer) => void;
}

export class ServerTransactions {
  private readonly table = new Map<string, InviteServerTransaction | NonInviteServerTransaction>();

  constructor(
    private readonly timers: TimerSettings,
    private readonly scheduler: Scheduler,
  ) {}

  /** Live transactions (health and leak checks). */
  get size(): number {
    return this.table.size;
  }

  /** Ends every transaction without sending anything more (shutdown). */
  close(): void {
    for (const transaction of [...this.table.values()]) transaction.close();
  }

  receive(request: SipRequest, reply: ReplyPath): Received {
    const key = serverTransactionKey(request);
    const existing = this.table.get(key);
    if (request.method === 'ACK') {
      if (existing instanceof InviteServerTransaction && (existing.state === 'completed' || existing.state === 'confirmed')) {
        existing.onAck();
        return { kind: 'absorbed' };
      }
      return { kind: 'ack-for-2xx' };
    }
    if (existing) {
      existing.onRetransmission();
      return { kind: 'absorbed' };
    }
    const deps: ServerTransactionDeps = {
      timers: this.timers, scheduler: this.scheduler, reliable: reply.reliable, send: reply.send,
      onTerminated: () => { if (this.table.get(key) === transaction) this.table.delete(key); },
    };
    const transaction = request.method === 'INVITE' ? new InviteServerTransaction(deps) : new NonInviteServerTransaction(deps);
    this.table.set(key, transaction);
    if (transaction instanceof InviteServerTransaction) return { kind: 'invite', transaction };
    if (request.method === 'CANCEL') {
      const invite = this.table.get(serverTransactionKey(request, 'INVITE'));
      return { kind: 'cancel', transaction, invite: invite instanceof InviteServerTransaction ? invite : undefined };
    }
    return { kind: 'request', transaction };
  }
}
