// A SIP endpoint for tests on real loopback sockets (UDP and TCP) with the real UAS core and
// transactions; dialogs and calls are recording fakes. Peers: a UDP and a TCP client that read
// what comes back as parsed messages, in order.
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import type { Cleanups } from './cleanups';
import { DEFAULT_SIP_LIMITS } from '../../src/sip/message/limits';
import type { SipRequest, SipResponse } from '../../src/sip/message/message';
import { ServerTransactions } from '../../src/sip/transaction/server-transactions';
import { DEFAULT_TIMERS, realScheduler } from '../../src/sip/transaction/timers';
import { readDatagram } from '../../src/sip/transport/datagram-framing';
import { newCounters, type TransportCounters } from '../../src/sip/transport/inbound';
import { StreamFramer } from '../../src/sip/transport/stream-framer';
import { TcpTransport } from '../../src/sip/transport/tcp-transport';
import { UdpTransport } from '../../src/sip/transport/udp-transport';
import { parseMessage } from '../../src/sip/message/parse-message';
import { UasCore, type DialogPort, type InvitePort } from '../../src/sip/ua/uas-core';

export interface TestEndpoint {
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly counters: TransportCounters;
  readonly transactions: ServerTransactions;
  readonly invites: SipRequest[];
  draining: boolean;
}

export async function startEndpoint(t: Cleanups, over: { allow?: (address: string) => boolean; forceRport?: boolean } = {}): Promise<TestEndpoint> {
  const counters = newCounters();
  const transactions = new ServerTransactions(DEFAULT_TIMERS, realScheduler);
  const invites: SipRequest[] = [];
  const dialogs: DialogPort = { exists: () => false, onRequest: () => undefined, onAck: () => undefined };
  const invitePort: InvitePort = { onInvite: (r) => { invites.push(r); }, onCancel: () => undefined };
  const state = { draining: false };
  const core = new UasCore({ transactions, dialogs, invites: invitePort, draining: () => state.draining, retryAfterS: 30, onResponse: () => undefined });
  const accepts = over.allow ?? (() => true);
  const udp = await UdpTransport.open({ host: '127.0.0.1', port: 0, limits: DEFAULT_SIP_LIMITS, forceRport: over.forceRport ?? false, counters, accepts }, core);
  t.after(() => udp.close());
  const tcp = await TcpTransport.open({ host: '127.0.0.1', port: 0, limits: DEFAULT_SIP_LIMITS, idleTimeoutMs: 30_000, messageTimeoutMs: 30_000, maxConnections: 100, counters, accepts }, core);
  t.after(() => tcp.close());
  return {
    udpPort: udp.port, tcpPort: tcp.port, counters, transactions, invites,
    get draining() { return state.draining; },
    set draining(v: boolean) { state.draining = v; },
  };
}

/** A queue of arrivals that tests await one by one. */
export class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiting: ((item: T) => void)[] = [];

  push(item: T): void {
    const w = this.waiting.shift();
    if (w) w(item);
    else this.items.push(item);
  }

  next(what: string, timeoutMs = 5_000): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error(`nothing arrived: ${what}`)); }, timeoutMs);
      this.waiting.push((i) => { clearTimeout(timer); resolve(i); });
    });
  }
}

export interface UdpPeer {
  readonly port: number;
  send(bytes: Buffer): void;
  /** The next datagram, parsed when it is a response (else `response` is undefined). */
  next(): Promise<{ response: SipResponse | undefined; raw: string }>;
}

export async function udpPeer(t: Cleanups, serverPort: number): Promise<UdpPeer> {
  const socket = createSocket('udp4');
  const inbox = new Inbox<{ response: SipResponse | undefined; raw: string }>();
  socket.on('message', (b) => {
    const r = readDatagram(b, DEFAULT_SIP_LIMITS);
    inbox.push({ response: r.ok === true && r.message.kind === 'response' ? r.message : undefined, raw: b.toString('latin1') });
  });
  await new Promise<void>((resolve) => { socket.bind(0, '127.0.0.1', resolve); });
  t.after(() => { socket.close(); });
  return {
    port: socket.address().port,
    send: (bytes) => { socket.send(bytes, serverPort, '127.0.0.1'); },
    next: () => inbox.next('a UDP response'),
  };
}

export interface TcpPeer {
  readonly socket: Socket;
  send(bytes: Buffer): void;
  next(): Promise<{ kind: 'response'; response: SipResponse } | { kind: 'pong' } | { kind: 'closed' }>;
}

export async function tcpPeer(t: Cleanups, serverPort: number): Promise<TcpPeer> {
  const socket = connect(serverPort, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  t.after(() => { socket.destroy(); });
  const inbox = new Inbox<{ kind: 'response'; response: SipResponse } | { kind: 'pong' } | { kind: 'closed' }>();
  const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
  socket.on('data', (chunk: Buffer) => {
    // A lone CRLF is the pong; anything else is framed as messages.
    if (chunk.equals(Buffer.from('\r\n'))) { inbox.push({ kind: 'pong' }); return; }
    for (const out of framer.push(chunk)) {
      if (out.kind !== 'message') continue;
      const r = parseMessage(out.head, out.body, DEFAULT_SIP_LIMITS);
      if (r.ok && r.message.kind === 'response') inbox.push({ kind: 'response', response: r.message });
    }
  });
  socket.on('close', () => { inbox.push({ kind: 'closed' }); });
  return { socket, send: (b) => { socket.write(b); }, next: () => inbox.next('a TCP arrival') };
}
