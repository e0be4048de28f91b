// The built-in ticket/CRM/identity store for deployments without a helpdesk. It is idempotent by
// action id: the first execution of an action is journaled with its outcome, and any later
// delivery of the same action (a Kafka redelivery, a restart) gets that outcome back without
// executing again, so a ticket is created once and keeps its number.
import { createLogger, errorMessage, type Logger } from '@switchboard/runtime';
import type { CreateTicket, UpdateCrm } from '@switchboard/contracts';
import { failed, succeeded, type Connector, type ConnectorOutcome, type ConnectorRequest } from '../connector';
import { verifyIdentity, type CustomerRecord } from './identity';
import { memoryJournal, openFileJournal, type Journal } from './journal';
import { isStoreEntry, STORE_KINDS, ticketNumber, type CrmChange, type StoreEntry, type StoreKind, type Ticket } from './records';

export interface BuiltinStoreOptions {
  /** Connector name for routing (default `store`). */
  readonly name?: string;
  /** Directory of the journal; without it (and without `journal`) the store lives in memory. */
  readonly dir?: string;
  /** An open journal to use instead (tests reopen a memory journal to simulate a restart). */
  readonly journal?: Journal;
  /** fsync each journal line (default true). */
  readonly fsync?: boolean;
  /** Records verify_identity checks claims against. */
  readonly customers?: readonly CustomerRecord[];
  readonly now?: () => number;
  readonly logger?: Logger;
}

const key = (tenantId: string, id: string): string => `${tenantId}\u0000${id}`;

/** What executing an action comes to before it is journaled: the outcome and any effect. */
interface Planned {
  readonly outcome: ConnectorOutcome;
  readonly ticket?: Ticket;
  readonly crm?: CrmChange;
}

export class BuiltinStore implements Connector {
  readonly name: string;
  readonly kinds = new Set(STORE_KINDS);
  private readonly results = new Map<string, ConnectorOutcome>();
  private readonly inflight = new Map<string, Promise<ConnectorOutcome>>();
  private readonly tickets = new Map<string, Ticket>();
  private readonly crm = new Map<string, Record<string, string>>();
  private readonly now: () => number;
  private readonly logger: Logger;

  private constructor(private readonly journal: Journal, private readonly customers: readonly CustomerRecord[], opts: BuiltinStoreOptions) {
    this.name = opts.name ?? 'store';
    this.now = opts.now ?? Date.now;
    this.logger = (opts.logger ?? createLogger('actions', 'warn')).child({ connector: this.name });
  }

  /** Opens the journal and replays it; a line that is not a store entry is skipped and counted. */
  static async open(opts: BuiltinStoreOptions = {}): Promise<BuiltinStore> {
    const logger = opts.logger ?? createLogger('actions', 'warn');
    const journal = opts.journal
      ?? (opts.dir === undefined ? memoryJournal() : await openFileJournal({ dir: opts.dir, logger, ...(opts.fsync === undefined ? {} : { fsync: opts.fsync }) }));
    const store = new BuiltinStore(journal, opts.customers ?? [], opts);
    let skipped = 0;
    for (const entry of journal.entries) {
      if (isStoreEntry(entry)) store.apply(entry);
      else skipped++;
    }
    if (skipped > 0) logger.warn('store journal entries not understood, skipped', { skipped });
    logger.info('store recovered', { actions: store.results.size, tickets: store.tickets.size, persistent: opts.dir !== undefined || opts.journal !== undefined });
    return store;
  }

  get actionCount(): number {
    return this.results.size;
  }

  ticket(tenantId: string, number: string): Ticket | undefined {
    return this.tickets.get(key(tenantId, number));
  }

  crmFields(tenantId: string, customerRef: string): Readonly<Record<string, string>> | undefined {
    return this.crm.get(key(tenantId, customerRef));
  }

  execute(req: ConnectorRequest): Promise<ConnectorOutcome> {
    const k = key(req.tenantId, req.actionId);
    const done = this.results.get(k);
    if (done !== undefined) return Promise.resolve(done);
    // Two deliveries of one action at once share the first execution.
    const running = this.inflight.get(k);
    if (running !== undefined) return running;
    const p = this.executeOnce(req).finally(() => this.inflight.delete(k));
    this.inflight.set(k, p);
    return p;
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private async executeOnce(req: ConnectorRequest): Promise<ConnectorOutcome> {
    const { call } = req;
    let planned: Planned;
    let kind: StoreKind;
    switch (call.kind) {
      case 'create_ticket': kind = call.kind; planned = this.planTicket(req, call.body); break;
      case 'update_crm': kind = call.kind; planned = planCrm(call.body); break;
      case 'verify_identity': kind = call.kind; planned = { outcome: verifyIdentity(this.customers, call.body) }; break;
      default: return failed('invalid');
    }
    const { outcome } = planned;
    const entry: StoreEntry = {
      v: 1, tenantId: req.tenantId, actionId: req.actionId, kind, atMs: this.now(),
      ok: outcome.ok, output: outcome.output ?? {},
      ...(outcome.ok ? {} : { reason: outcome.reason }),
      ...(planned.ticket ? { ticket: planned.ticket } : {}),
      ...(planned.crm ? { crm: planned.crm } : {}),
    };
    try {
      await this.journal.append(entry);
    } catch (err) {
      // Not journaled, so not applied: a redelivery will execute it afresh.
      this.logger.error('store journal append failed', { actionId: req.actionId, error: errorMessage(err) });
      return failed('unavailable');
    }
    // The outcome as applied (and as any redelivery will get it), so both answers are identical.
    return this.apply(entry);
  }

  private planTicket(req: ConnectorRequest, body: CreateTicket): Planned {
    if (body.subject.trim() === '') return { outcome: failed('invalid') };
    const number = ticketNumber(req.tenantId, req.actionId, (n) => this.tickets.has(key(req.tenantId, n)));
    const ticket: Ticket = {
      number, actionId: req.actionId, conversationId: req.conversationId, subject: body.subject, body: body.body,
      priority: body.priority === '' ? 'normal' : body.priority, fields: { ...body.fields }, createdAtMs: this.now(),
    };
    return { outcome: succeeded({ ticket_number: number, priority: ticket.priority }), ticket };
  }

  /** Makes an entry's effect visible (after it is journaled, and at replay). */
  private apply(entry: StoreEntry): ConnectorOutcome {
    const outcome = entry.ok ? succeeded(entry.output) : failed(entry.reason ?? 'internal', entry.output);
    this.results.set(key(entry.tenantId, entry.actionId), outcome);
    if (entry.ticket) this.tickets.set(key(entry.tenantId, entry.ticket.number), entry.ticket);
    if (entry.crm) {
      const k = key(entry.tenantId, entry.crm.customerRef);
      const merged = Object.entries({ ...this.crm.get(k), ...entry.crm.fields }).filter(([, value]) => value !== '');
      this.crm.set(k, Object.fromEntries(merged));
    }
    return outcome;
  }
}

function planCrm(body: UpdateCrm): Planned {
  if (body.customerRef.trim() === '' || Object.keys(body.fields).length === 0) return { outcome: failed('invalid') };
  const crm: CrmChange = { customerRef: body.customerRef, fields: { ...body.fields } };
  return { outcome: succeeded({ customer_ref: body.customerRef, updated_fields: String(Object.keys(body.fields).length) }), crm };
}
