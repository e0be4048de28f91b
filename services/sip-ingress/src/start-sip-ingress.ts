// Wires the endpoint: UDP and TCP transports → UAS core → transactions → calls (media, gateway
// stream), the ops server (/healthz with live calls, /readyz, /metrics), and the drain that
// SIGTERM starts: new INVITEs and OPTIONS get 503 + Retry-After, live calls go on until they end
// or the deadline, then they are ended with BYE.
import { createLogger, startOpsServer, type Logger } from '@switchboard/runtime';
import type { Call } from './call/call';
import type { CallContext, SignalSender } from './call/call-context';
import { CallRegistry } from './call/call-registry';
import { MediaChannel } from './call/media-channel';
import type { SipIngressConfig } from './config';
import { createMetrics, newMediaTotals, type MediaTotals } from './metrics';
import { MediaClock } from './rtp/media-clock';
import { RtpPortPool } from './rtp/port-pool';
import { DEFAULT_SIP_LIMITS } from './sip/message/limits';
import { ClientTransactions } from './sip/transaction/client-transactions';
import { ServerTransactions } from './sip/transaction/server-transactions';
import { DEFAULT_TIMERS, realScheduler, type TimerSettings } from './sip/transaction/timers';
import { countDrop, newCounters } from './sip/transport/inbound';
import { TcpTransport } from './sip/transport/tcp-transport';
import { UdpTransport } from './sip/transport/udp-transport';
import { UasCore } from './sip/ua/uas-core';
import { DigestGuard } from './sip/auth/digest-guard';

export interface RunningSipIngress {
  readonly sipPort: number;
  readonly httpPort: number;
  readonly calls: CallRegistry;
  readonly media: MediaTotals;
  readonly health: () => Readonly<Record<string, string | number | boolean>>;
  /** Stops taking calls, waits for live ones until the deadline, then ends the rest. */
  drain(deadlineMs?: number): Promise<void>;
  /** Closes everything now (live calls are ended with BYE first). */
  stop(): Promise<void>;
}

const SWEEP_MS = 1000;
/** How long a digest challenge's nonce may be answered (then stale=true and a new one). */
const NONCE_LIFETIME_MS = 5 * 60_000;
/** A TCP connection without traffic this long is closed (carriers ping with OPTIONS or CRLF). */
const TCP_IDLE_MS = 15 * 60_000;

export async function startSipIngress(config: SipIngressConfig, logger: Logger = createLogger('sip-ingress', config.logLevel)): Promise<RunningSipIngress> {
  const timers: TimerSettings = { t1Ms: config.t1Ms, t2Ms: Math.max(DEFAULT_TIMERS.t2Ms, config.t1Ms), t4Ms: Math.max(DEFAULT_TIMERS.t4Ms, config.t1Ms) };
  const counters = newCounters();
  const media = newMediaTotals();
  const clock = new MediaClock();
  const ports = new RtpPortPool(config.bindHost, config.rtpPortMin, config.rtpPortMax);
  const channel = new MediaChannel(config.gatewayAddress);
  const serverTransactions = new ServerTransactions(timers, realScheduler);
  const clientTransactions = new ClientTransactions(timers, realScheduler);
  let draining = false;

  const ctx: CallContext = {
    settings: {
      tenantId: config.tenantId, language: config.language, codecs: config.codecs, answerWaitMs: config.answerWaitMs, mediaTimeoutMs: config.mediaTimeoutMs,
      playoutDelayMs: config.jitterMs, reorderFrames: Math.max(1, Math.round(config.jitterMs / 20)), maxPendingFrames: config.maxPendingFrames,
      retryAfterS: config.retryAfterS, transferUriTemplate: config.transferUriTemplate, timers,
    },
    local: { host: config.advertisedAddress, port: 0 },
    scheduler: realScheduler,
    clientTransactions,
    clock,
    ports,
    mediaAddressAllowed: config.mediaNetworks.has,
    openStream: () => channel.open(),
    now: () => performance.now(),
    log: logger,
  };

  const transports: { udp?: UdpTransport } = {};
  const signalFor = (source: { transport: 'udp' | 'tcp' }, reply: { send: (b: Buffer) => void }): SignalSender =>
    source.transport === 'tcp'
      ? { reliable: true, send: (bytes) => { reply.send(bytes); } }
      : { reliable: false, send: (bytes, to) => { transports.udp?.send(bytes, to); } };
  const auth = config.authRealm === '' ? undefined : new DigestGuard({ realm: config.authRealm, users: config.authUsers, algorithms: config.authAlgorithms, nonceLifetimeMs: NONCE_LIFETIME_MS });
  const calls = new CallRegistry(ctx, signalFor, config.maxCalls, (call) => { addTotals(media, call); }, auth);

  const core = new UasCore({
    transactions: serverTransactions,
    dialogs: calls,
    invites: calls,
    draining: () => draining,
    retryAfterS: config.retryAfterS,
    onResponse: (response) => { if (!clientTransactions.receive(response)) countDrop(counters, 'stray-response'); },
  });
  const accepts = config.allowedSources.has;
  const { udp, tcp } = await openTransports(config, core, { limits: DEFAULT_SIP_LIMITS, counters, accepts });
  transports.udp = udp;
  (ctx.local as { port: number }).port = udp.port;

  const sweep = setInterval(() => { calls.sweep(performance.now()); }, SWEEP_MS);
  sweep.unref();
  const health = (): Readonly<Record<string, string | number | boolean>> => ({
    status: draining ? 'draining' : 'ok',
    draining,
    liveCalls: calls.live,
    serverTransactions: serverTransactions.size,
    clientTransactions: clientTransactions.size,
    rtpPortsInUse: ports.used,
  });
  let ops: Awaited<ReturnType<typeof startOpsServer>>;
  try {
    ops = await startOpsServer({ port: config.httpPort, registry: createMetrics(calls, counters, media, ports, clock, auth), isReady: () => !draining, health });
  } catch (err) {
    clearInterval(sweep);
    await Promise.all([udp.close(), tcp.close()]);
    channel.close();
    throw err;
  }
  logger.info('sip-ingress listening', { sipPort: udp.port, httpPort: ops.port, rtpPorts: `${config.rtpPortMin}-${config.rtpPortMax}` });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    draining = true;
    calls.hangUpAll('shutdown');
    clearInterval(sweep);
    clock.stop();
    serverTransactions.close();
    clientTransactions.close();
    await Promise.all([udp.close(), tcp.close(), ops.close()]);
    channel.close();
  };
  return {
    sipPort: udp.port,
    httpPort: ops.port,
    calls,
    media,
    health,
    async drain(deadlineMs = config.drainTimeoutMs) {
      draining = true;
      logger.info('draining', { liveCalls: calls.live, deadlineMs });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([calls.whenIdle(), new Promise<void>((resolve) => { timer = setTimeout(resolve, deadlineMs); })]);
      clearTimeout(timer);
      // Give the BYEs of calls ended at the deadline a moment to leave before the sockets close.
      if (calls.live > 0) {
        calls.hangUpAll('shutdown');
        await new Promise((resolve) => setTimeout(resolve, 2 * timers.t1Ms));
      }
      await stop();
    },
    stop,
  };
}

/** Attempts at a port free for both UDP and TCP when SIP_PORT is 0 (the kernel picks the UDP one). */
const ANY_PORT_ATTEMPTS = 20;

/**
 * UDP and TCP on the same port. With SIP_PORT=0 the UDP port is the kernel's choice and TCP may
 * already be taken there by someone else: try another. Nothing stays open when this fails.
 */
async function openTransports(config: SipIngressConfig, core: UasCore, common: { limits: typeof DEFAULT_SIP_LIMITS; counters: ReturnType<typeof newCounters>; accepts: (address: string) => boolean }): Promise<{ udp: UdpTransport; tcp: TcpTransport }> {
  for (let attempt = 1; ; attempt++) {
    const udp = await UdpTransport.open({ host: config.bindHost, port: config.sipPort, forceRport: config.forceRport, ...common }, core);
    try {
      const tcp = await TcpTransport.open({ host: config.bindHost, port: udp.port, idleTimeoutMs: TCP_IDLE_MS, messageTimeoutMs: config.tcpMessageTimeoutMs, maxConnections: 10_000, ...common }, core);
      return { udp, tcp };
    } catch (err) {
      await udp.close();
      const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!inUse || config.sipPort !== 0 || attempt >= ANY_PORT_ATTEMPTS) throw err;
    }
  }
}

function addTotals(totals: MediaTotals, call: Call): void {
  const session = call.mediaSession;
  if (session) {
    totals.rtpPackets += session.receive.packets;
    for (const [reason, n] of Object.entries(session.receive.dropped)) totals.rtpDropped.set(reason, (totals.rtpDropped.get(reason) ?? 0) + n);
    totals.framesConcealed += session.playout.framesConcealed;
    totals.rtpLate += session.playout.late;
    totals.dtmfEvents += session.dtmfEvents;
  }
  const link = call.gatewayLink;
  if (link) {
    totals.framesToGateway += link.counters.framesSent;
    totals.framesDropped += link.counters.framesDropped;
  }
}
