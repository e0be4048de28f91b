// A dialog this endpoint answered (RFC 3261 §12.1.1): identified by Call-ID, our tag (the To
// tag we put on the answer) and the caller's From tag; the remote target is the INVITE's
// Contact, the route set its Record-Route in order. Requests we send in it (BYE, REFER) go
// through the route set (§12.2.1.1: loose routing, or the strict-router rewrite for old
// proxies) with our CSeq counting up; the caller's CSeq must only go up.
import { isIP } from 'node:net';
import type { SipRequest } from '../message/message';
import { parseNameAddr } from '../message/name-addr';
import { splitOutside } from '../message/sip-syntax';
import type { Uri } from '../message/uri';
import type { Destination, Source } from '../transport/source';
import { newBranch } from '../transaction/client-transactions';

/** Where this endpoint is, as peers must see it. */
export interface LocalAddress {
  readonly host: string;
  readonly port: number;
}

export interface OutgoingRequest {
  readonly bytes: Buffer;
  readonly branch: string;
  /** The first hop: the top route or the remote target, if it is an IP address; else the INVITE's source. */
  readonly nextHop: Destination;
}

type SipUri = Extract<Uri, { scheme: 'sip' | 'sips' }>;

export type DialogResult = { readonly ok: true; readonly dialog: Dialog } | { readonly ok: false; readonly detail: string };

export class Dialog {
  private localSeq = 1;
  private remoteSeq: number;

  private constructor(
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    /** The To of the INVITE with our tag: From of our requests. */
    private readonly localValue: string,
    /** The From of the INVITE: To of our requests. */
    private readonly remoteValue: string,
    private remoteTarget: SipUri,
    private readonly routeSet: readonly string[],
    remoteSeq: number,
    private readonly source: Source,
    private readonly local: LocalAddress,
  ) {
    this.remoteSeq = remoteSeq;
  }

  static fromInvite(invite: SipRequest, localTag: string, source: Source, local: LocalAddress): DialogResult {
    const target = contactUri(invite);
    if (typeof target === 'string') return { ok: false, detail: target };
    const remoteTag = invite.from.params.get('tag') ?? '';
    const toValue = invite.headers.first('to') ?? '';
    const fromValue = invite.headers.first('from') ?? '';
    const routes: string[] = [];
    for (const field of invite.headers.fieldValues('record-route')) for (const r of splitOutside(field, 0x2c) ?? []) if (r.trim() !== '') routes.push(r.trim());
    for (const r of routes) {
      try {
        parseNameAddr(r, 'Record-Route');
      } catch {
        return { ok: false, detail: 'Bad Record-Route' };
      }
    }
    return { ok: true, dialog: new Dialog(invite.callId, localTag, remoteTag, `${toValue};tag=${localTag}`, fromValue, target, routes, invite.cseq.seq, source, local) };
  }

  /** Whether `request` (which carries a To tag) belongs to this dialog. */
  matches(request: SipRequest): boolean {
    return request.callId === this.callId && request.to.params.get('tag') === this.localTag && (request.from.params.get('tag') ?? '') === this.remoteTag;
  }

  /** RFC 3261 §12.2.2: a lower or equal CSeq than the last one is out of order (500). */
  acceptCSeq(request: SipRequest): boolean {
    if (request.cseq.seq <= this.remoteSeq) return false;
    this.remoteSeq = request.cseq.seq;
    return true;
  }

  /** A re-INVITE's Contact replaces the remote target (§12.2.2); one without a Contact keeps it. */
  updateTarget(request: SipRequest): void {
    if (request.contacts !== '*' && request.contacts.length === 0) return;
    const target = contactUri(request);
    if (typeof target !== 'string') this.remoteTarget = target;
  }

  /** Our Contact, with the transport when it is not UDP. */
  contact(): string {
    return contactOf(this.local, this.source.transport);
  }

  /** Record-Route fields to copy into 1xx/2xx answers, in order (§12.1.1). */
  static recordRoute(invite: SipRequest): [string, string][] {
    return invite.headers.fieldValues('record-route').map((v) => ['Record-Route', v]);
  }

  buildRequest(method: string, headers: readonly (readonly [string, string])[] = [], body?: { readonly type: string; readonly bytes: Buffer }): OutgoingRequest {
    let requestUri = this.remoteTarget.raw;
    let routes = this.routeSet;
    let hop: SipUri = this.remoteTarget;
    const first = routes[0] === undefined ? undefined : parseNameAddr(routes[0], 'Route').uri;
    if (first !== undefined && (first.scheme === 'sip' || first.scheme === 'sips')) {
      hop = first;
      if (!first.params.has('lr')) {
        // Strict router: it takes the Request-URI; the remote target goes last in Route.
        requestUri = first.raw.split('?')[0]!;
        routes = [...routes.slice(1), `<${this.remoteTarget.raw}>`];
      }
    }
    const branch = newBranch();
    const transport = this.source.transport.toUpperCase();
    const lines = [
      `${method} ${requestUri} SIP/2.0`,
      `Via: SIP/2.0/${transport} ${this.local.host}:${this.local.port};branch=${branch};rport`,
      'Max-Forwards: 70',
      ...routes.map((r) => `Route: ${r}`),
      `From: ${this.localValue}`,
      `To: ${this.remoteValue}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.localSeq++} ${method}`,
      `Contact: ${this.contact()}`,
      ...headers.map(([n, v]) => `${n}: ${v}`),
    ];
    if (body) lines.push(`Content-Type: ${body.type}`);
    lines.push(`Content-Length: ${body?.bytes.length ?? 0}`, '', '');
    const head = Buffer.from(lines.join('\r\n'), 'latin1');
    return { bytes: body ? Buffer.concat([head, body.bytes]) : head, branch, nextHop: nextHopOf(hop, this.source) };
  }
}

export function contactOf(local: LocalAddress, transport: 'udp' | 'tcp'): string {
  return `<sip:switchboard@${local.host}:${local.port}${transport === 'tcp' ? ';transport=tcp' : ''}>`;
}

/**
 * The remote target a request names. An INVITE from an RFC 2543 peer may carry no Contact at
 * all (RFC 4475 §3.4.1 asks that it be accepted): then the From URI is the target, as RFC 2543
 * had it; `*` or several Contacts stay refused.
 */
function contactUri(request: SipRequest): SipUri | string {
  const contacts = request.contacts;
  if (contacts === '*' || contacts.length > 1) return 'Contact must be one SIP URI';
  const uri = contacts.length === 0 ? request.from.uri : contacts[0]!.uri;
  if (uri.scheme !== 'sip' && uri.scheme !== 'sips') return 'the remote target (Contact, or From without one) is not a SIP URI';
  return uri;
}

/**
 * No DNS: a next hop named by host name is reached at the address the INVITE came from (for a
 * carrier or an SBC in front of us, that is where in-dialog requests belong anyway).
 */
function nextHopOf(uri: SipUri, source: Source): Destination {
  const host = uri.host.startsWith('[') ? uri.host.slice(1, -1) : uri.host;
  if (isIP(host) === 0) return { address: source.address, port: source.port };
  return { address: host, port: uri.port ?? 5060 };
}
