// Via (RFC 3261 §20.42, §18.2.2; RFC 3581 rport): every hop of every Via field, with LWS
// allowed around the '/' of the sent-protocol (`SIP  /   2.0 /UDP`).
import { parseParams } from './params';
import { SipError } from './sip-error';
import { isToken, splitOutside } from './sip-syntax';
import { splitHostPort } from './uri';

export interface ViaHop {
  /** Upper-case: UDP, TCP, TLS, SCTP or any other token. */
  readonly transport: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly params: ReadonlyMap<string, string>;
  /** The hop as written, for echoing it in responses. */
  readonly raw: string;
}

const SENT_PROTOCOL = /^([^/\s]+)\s*\/\s*([^/\s]+)\s*\/\s*([^/\s]+)\s+(\S[^;]*?)\s*(;.*)?$/s;

export function parseViaHop(raw: string): ViaHop {
  const m = SENT_PROTOCOL.exec(raw.trim());
  if (!m) throw new SipError('BAD_REQUEST', 'Via: expected protocol/version/transport and sent-by');
  const [, name = '', version = '', transport = '', sentBy = '', params = ''] = m;
  if (!isToken(name) || !isToken(version) || !isToken(transport)) throw new SipError('BAD_REQUEST', 'Via: sent-protocol is not three tokens');
  if (name.toUpperCase() !== 'SIP' || version !== '2.0') throw new SipError('BAD_REQUEST', 'Via: sent-protocol is not SIP/2.0');
  const { host, port } = splitHostPort(sentBy.trim());
  return { transport: transport.toUpperCase(), host, port, params: parseParams(params, 'Via'), raw: raw.trim() };
}

/** Every hop of the given Via field values, top first. */
export function parseVias(fieldValues: readonly string[], maxHops: number): ViaHop[] {
  const hops: ViaHop[] = [];
  for (const value of fieldValues) {
    const parts = splitOutside(value, 0x2c);
    if (parts === undefined) throw new SipError('BAD_REQUEST', 'Via: unbalanced quotes');
    for (const part of parts) {
      if (hops.length >= maxHops) throw new SipError('TOO_LARGE', `more than ${maxHops} Via hops`);
      hops.push(parseViaHop(part));
    }
  }
  return hops;
}
