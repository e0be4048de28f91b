// Client transactions by branch (RFC 3261 §17.1.3: a response matches the transaction whose
// branch is in its top Via and whose method is its CSeq method). Responses that match nothing
// are stray and dropped by the caller.
import { randomBytes } from 'node:crypto';
import type { SipResponse } from '../message/message';
import { NonInviteClientTransaction, type ClientOutcome } from './non-invite-client';
import { MAGIC_COOKIE } from './transaction-key';
import type { Scheduler, TimerSettings } from './timers';

export function newBranch(): string {
  return `${MAGIC_COOKIE}${randomBytes(8).toString('hex')}`;
}

export class ClientTransactions {
  private readonly table = new Map<string, NonInviteClientTransaction>();

  constructor(private readonly timers: TimerSettings, private readonly scheduler: Scheduler) {}

  get size(): number {
    return this.table.size;
  }

  /** Ends every transaction without sending anything more (shutdown; their outcomes never settle). */
  close(): void {
    for (const transaction of [...this.table.values()]) transaction.close();
  }

  /** Sends `request` (whose top Via carries `branch`) and settles with its final response or a timeout. */
  send(branch: string, method: string, request: Buffer, path: { readonly reliable: boolean; readonly send: (bytes: Buffer) => void }): Promise<ClientOutcome> {
    const key = `${branch}|${method}`;
    const transaction = new NonInviteClientTransaction(request, {
      timers: this.timers, scheduler: this.scheduler, reliable: path.reliable, send: path.send,
      onTerminated: () => { if (this.table.get(key) === transaction) this.table.delete(key); },
    });
    this.table.set(key, transaction);
    transaction.start();
    return transaction.outcome;
  }

  /** False when the response belongs to no transaction of ours. */
  receive(response: SipResponse): boolean {
    const branch = response.vias[0]?.params.get('branch');
    const transaction = branch === undefined ? undefined : this.table.get(`${branch}|${response.cseq.method}`);
    if (!transaction) return false;
    transaction.onResponse(response);
    return true;
  }
}
