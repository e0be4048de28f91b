// Sends one torture message to a fresh sip-ingress (real UDP or TCP socket on loopback) and
// checks what comes back against its expected outcome. A fresh ingress per message, because
// RFC 4475's own messages reuse branch values: sent to one endpoint within a transaction's
// lifetime, a later one would be a retransmission of an earlier one (RFC 3261 §17.2.3).
// "Nothing came back" is proven without waiting on a clock: a marker OPTIONS is sent after the
// message on the same socket, and its 200 must be the next answer (loopback keeps the order).
import { connect as netConnect } from 'node:net';
import type { RunningSipIngress } from '../../src/index';
import { DEFAULT_SIP_LIMITS } from '../../src/sip/message/limits';
import { StreamFramer } from '../../src/sip/transport/stream-framer';
import { CleanupList } from './cleanups';
import { startIngress } from './ingress';
import type { Outcome } from './rfc4475-expected';
import { sipText } from './sip-text';
import { Inbox, udpPeer } from './sip-endpoint';

export type TortureTransport = 'udp' | 'tcp';

interface Arrival {
  readonly status: number | undefined;
  readonly raw: string;
}

/** What differs from the expectation; empty when the endpoint did what was expected. */
export async function sendTorture(bytes: Buffer, outcome: Outcome, transport: TortureTransport, gatewayAddress: string): Promise<string[]> {
  const cleanups = new CleanupList();
  try {
    // Answers over UDP go to the source port (test sockets are not on the Via's sent-by);
    // a short completion timeout lets the "message never completes" case end.
    const ingress = await startIngress(cleanups, gatewayAddress, { SIP_FORCE_RPORT: 'true', SIP_TCP_MESSAGE_TIMEOUT_MS: '300' });
    const link = await connect(cleanups, transport, ingress.sipPort);
    link.send(bytes);
    const problems = await check(link, outcome, transport);
    const health = ingress.health();
    if (health.liveCalls !== 0 || health.rtpPortsInUse !== 0) problems.push(`left behind: ${JSON.stringify(health)}`);
    if (outcome.kind !== 'answer') {
      const counted = await droppedCount(ingress, outcome.reason);
      if (counted !== 1) problems.push(`sip_messages_dropped_total{reason="${outcome.reason}"} is ${counted}, expected 1`);
    }
    return problems;
  } finally {
    await cleanups.run();
  }
}

interface Link {
  readonly port: number;
  send(bytes: Buffer): void;
  /** The next arrival, or 'closed' when the endpoint closed the connection (TCP). */
  next(): Promise<Arrival | 'closed'>;
}

async function connect(cleanups: CleanupList, transport: TortureTransport, port: number): Promise<Link> {
  if (transport === 'udp') {
    const peer = await udpPeer(cleanups, port);
    return { port: peer.port, send: (b) => { peer.send(b); }, next: async () => arrival((await peer.next()).raw) };
  }
  // Over TCP every framed message counts, parseable or not: a 400 echoes the very fields that
  // made the request malformed, which a strict parser on this side would refuse.
  const socket = netConnect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  cleanups.after(() => { socket.destroy(); });
  const inbox = new Inbox<Arrival | 'closed'>();
  const framer = new StreamFramer(DEFAULT_SIP_LIMITS);
  socket.on('data', (chunk: Buffer) => { for (const out of framer.push(chunk)) if (out.kind === 'message') inbox.push(arrival(`${out.head}\r\n`)); });
  socket.on('close', () => { inbox.push('closed'); });
  return { port: socket.localPort ?? 0, send: (b) => { socket.write(b); }, next: () => inbox.next('an answer over TCP') };
}

function arrival(raw: string): Arrival {
  const m = /^SIP\/2\.0 (\d{3}) /.exec(raw);
  return { status: m ? Number(m[1]) : undefined, raw };
}

async function check(link: Link, outcome: Outcome, transport: TortureTransport): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  // The next final answer; provisional ones and UDP retransmissions (identical bytes) are skipped.
  const nextFinal = async (): Promise<Arrival | 'closed'> => {
    for (;;) {
      const a = await link.next();
      if (a === 'closed') return a;
      if (seen.has(a.raw)) continue;
      seen.add(a.raw);
      if (a.status === undefined) return a;
      if (a.status >= 200) return a;
    }
  };
  if (outcome.kind === 'close') {
    const a = await nextFinal();
    if (a !== 'closed') problems.push(`expected no answer and a closed connection, got ${describe(a)}`);
    return problems;
  }
  if (outcome.kind === 'answer') {
    for (const [i, codes] of outcome.finals.entries()) {
      const a = await nextFinal();
      if (a === 'closed') return [...problems, `connection closed before answer ${i + 1} (${codes.join(' or ')})`];
      if (a.status === undefined || !codes.includes(a.status)) problems.push(`answer ${i + 1}: expected ${codes.join(' or ')}, got ${describe(a)}`);
      if (i === 0) for (const h of outcome.headers ?? []) if (!h.test(a.raw)) problems.push(`answer lacks ${String(h)}`);
    }
    if (outcome.closes === true) {
      const a = await nextFinal();
      if (a !== 'closed') problems.push(`expected the connection closed after the answer, got ${describe(a)}`);
      return problems;
    }
  }
  // Nothing more (or, for a drop, nothing at all) may come before the marker's answer.
  link.send(marker(transport, link.port));
  const a = await nextFinal();
  if (a === 'closed') problems.push('connection closed instead of answering the marker OPTIONS');
  else if (a.status !== 200 || !a.raw.includes(`torture-marker-${link.port}`)) problems.push(`unexpected answer before the marker's: ${describe(a)}`);
  return problems;
}

function marker(transport: TortureTransport, port: number): Buffer {
  return sipText([
    'OPTIONS sip:switchboard@127.0.0.1 SIP/2.0', `Via: SIP/2.0/${transport.toUpperCase()} 127.0.0.1:${port};branch=z9hG4bK-marker-${port};rport`,
    'Max-Forwards: 70', `From: <sip:torture@127.0.0.1>;tag=m${port}`, 'To: <sip:switchboard@127.0.0.1>',
    `Call-ID: torture-marker-${port}`, 'CSeq: 1 OPTIONS', 'Content-Length: 0',
  ]);
}

function describe(a: Arrival | 'closed'): string {
  if (a === 'closed') return 'a closed connection';
  return a.status === undefined ? `a non-response (${a.raw.slice(0, 40)})` : `${a.status} (${a.raw.split('\r\n')[0]!.slice(0, 60)})`;
}

async function droppedCount(ingress: RunningSipIngress, reason: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ingress.httpPort}/metrics`)).text();
  const m = new RegExp(`^sip_messages_dropped_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}
