// The UAS core (RFC 3261 §8.2): every request that a transaction hands up is checked in the
// order that decides the answer — method (405 known-but-not-allowed / 501 unknown), URI scheme
// (416), Require (420), dialog (481), then for INVITE the body (415) and Accept (406) — before
// it reaches the call layer. OPTIONS is answered here (200, or 503 while draining).
import { randomBytes } from 'node:crypto';
import type { SipRequest, SipResponse } from '../message/message';
import { buildResponse, reasonPhrase } from '../message/serialize';
import { splitOutside } from '../message/sip-syntax';
import type { InviteServerTransaction } from '../transaction/invite-server';
import type { NonInviteServerTransaction } from '../transaction/non-invite-server';
import type { ReplyPath, ServerTransactions } from '../transaction/server-transactions';
import type { SipHandlers } from '../transport/inbound';
import type { Source } from '../transport/source';

/** Methods this endpoint serves. */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'BYE', 'CANCEL', 'OPTIONS', 'NOTIFY'] as const;
/** Methods known from the SIP RFCs that this endpoint does not serve: 405, not 501. */
const KNOWN_METHODS = new Set(['REGISTER', 'MESSAGE', 'SUBSCRIBE', 'PUBLISH', 'PRACK', 'UPDATE', 'INFO', 'REFER']);
export const ALLOW = ALLOWED_METHODS.join(', ');
const SUPPORTED_EXTENSIONS = new Set<string>();
const ACCEPT_SDP = 'application/sdp';

/** Requests inside a dialog, and the ACKs of our 2xx responses. */
export interface DialogPort {
  /** Whether the dialog (Call-ID, our tag = To tag, their tag = From tag) exists. */
  exists(request: SipRequest): boolean;
  onRequest(request: SipRequest, transaction: NonInviteServerTransaction | InviteServerTransaction, source: Source): void;
  onAck(request: SipRequest, source: Source): void;
}

/** New calls. */
export interface InvitePort {
  /** `reply` sends to where this INVITE's responses go (2xx retransmissions, the TCP connection). */
  onInvite(request: SipRequest, transaction: InviteServerTransaction, source: Source, reply: ReplyPath): void;
  /** A CANCEL for an INVITE still proceeding (its 200 has been sent): answer the INVITE 487. */
  onCancel(invite: InviteServerTransaction): void;
}

export interface UasCoreDeps {
  readonly transactions: ServerTransactions;
  readonly dialogs: DialogPort;
  readonly invites: InvitePort;
  readonly draining: () => boolean;
  readonly retryAfterS: number;
  readonly onResponse: (response: SipResponse, source: Source) => void;
}

export function newTag(): string {
  return randomBytes(6).toString('hex');
}

type AnyTransaction = NonInviteServerTransaction | InviteServerTransaction;

export class UasCore implements SipHandlers {
  constructor(private readonly deps: UasCoreDeps) {}

  onResponse(response: SipResponse, source: Source): void {
    this.deps.onResponse(response, source);
  }

  onRequest(request: SipRequest, source: Source, reply: ReplyPath): void {
    const received = this.deps.transactions.receive(request, reply);
    switch (received.kind) {
      case 'absorbed': return;
      case 'ack-for-2xx': this.deps.dialogs.onAck(request, source); return;
      case 'cancel': {
        if (received.invite === undefined || received.invite.state !== 'proceeding') {
          this.answer(request, received.transaction, 481);
          return;
        }
        this.answer(request, received.transaction, 200);
        this.deps.invites.onCancel(received.invite);
        return;
      }
      default: this.route(request, received.transaction, source, reply);
    }
  }

  /** Answers `request` on its transaction (To tag added unless it has one). */
  answer(request: SipRequest, transaction: AnyTransaction, status: number, headers: readonly (readonly [string, string])[] = [], detail?: string): void {
    transaction.respond(status, buildResponse(request.headers, status, reasonPhrase(status, detail), { toTag: newTag(), headers }));
  }

  private route(request: SipRequest, transaction: AnyTransaction, source: Source, reply: ReplyPath): void {
    const { method } = request;
    if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
      this.answer(request, transaction, KNOWN_METHODS.has(method) ? 405 : 501, [['Allow', ALLOW]]);
      return;
    }
    if (request.uri.scheme === 'other') {
      this.answer(request, transaction, 416);
      return;
    }
    const unsupported = listValues(request.headers.fieldValues('require')).filter((x) => !SUPPORTED_EXTENSIONS.has(x.toLowerCase()));
    if (unsupported.length > 0 && method !== 'CANCEL') {
      this.answer(request, transaction, 420, [['Unsupported', unsupported.join(', ')]]);
      return;
    }
    const inDialog = request.to.params.has('tag');
    if (inDialog) {
      if (!this.deps.dialogs.exists(request)) {
        this.answer(request, transaction, 481);
        return;
      }
      this.deps.dialogs.onRequest(request, transaction, source);
      return;
    }
    if (method === 'OPTIONS') {
      if (this.deps.draining()) this.answer(request, transaction, 503, [['Retry-After', String(this.deps.retryAfterS)]]);
      else this.answer(request, transaction, 200, [['Allow', ALLOW], ['Accept', ACCEPT_SDP]]);
      return;
    }
    if (method !== 'INVITE') {
      // BYE or NOTIFY outside a dialog.
      this.answer(request, transaction, 481);
      return;
    }
    const mediaProblem = inviteMediaProblem(request);
    if (mediaProblem) {
      this.answer(request, transaction, mediaProblem.status, mediaProblem.headers);
      return;
    }
    if (this.deps.draining()) {
      this.answer(request, transaction, 503, [['Retry-After', String(this.deps.retryAfterS)]], 'Service Unavailable (draining)');
      return;
    }
    this.deps.invites.onInvite(request, transaction as InviteServerTransaction, source, reply);
  }
}

/** Comma-separated header values of every field, trimmed, without parameters. */
function listValues(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) for (const part of splitOutside(v, 0x2c) ?? []) {
    const item = part.split(';')[0]!.trim();
    if (item !== '') out.push(item);
  }
  return out;
}

/** 415 for a body we cannot read, 406 when the caller accepts no SDP in the answer. */
function inviteMediaProblem(request: SipRequest): { status: number; headers: [string, string][] } | undefined {
  const encodings = listValues(request.headers.fieldValues('content-encoding')).filter((e) => e.toLowerCase() !== 'identity');
  if (encodings.length > 0) return { status: 415, headers: [['Accept-Encoding', 'identity'], ['Accept', ACCEPT_SDP]] };
  const contentType = request.headers.first('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (request.body.length > 0 && contentType !== ACCEPT_SDP) return { status: 415, headers: [['Accept', ACCEPT_SDP]] };
  const accepts = request.headers.fieldValues('accept');
  if (accepts.length > 0) {
    const types = listValues(accepts).map((t) => t.toLowerCase());
    if (!types.some((t) => t === ACCEPT_SDP || t === 'application/*' || t === '*/*')) return { status: 406, headers: [['Accept', ACCEPT_SDP]] };
  }
  return undefined;
}
