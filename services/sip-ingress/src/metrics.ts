// Prometheus metrics, read from the counters the components keep (collect callbacks: nothing on
// the packet path touches prom-client).
import { Counter, Gauge, Registry } from 'prom-client';
import type { CallRegistry } from './call/call-registry';
import type { MediaClock } from './rtp/media-clock';
import type { RtpPortPool } from './rtp/port-pool';
import type { DigestGuard } from './sip/auth/digest-guard';
import type { TransportCounters } from './sip/transport/inbound';

export interface MediaTotals {
  rtpPackets: number;
  rtpDropped: Map<string, number>;
  framesToGateway: number;
  framesDropped: number;
  framesConcealed: number;
  /** Audio packets that arrived after their frame was played out (concealed). */
  rtpLate: number;
  dtmfEvents: number;
}

export function newMediaTotals(): MediaTotals {
  return { rtpPackets: 0, rtpDropped: new Map(), framesToGateway: 0, framesDropped: 0, framesConcealed: 0, rtpLate: 0, dtmfEvents: 0 };
}

export function createMetrics(calls: CallRegistry, transport: TransportCounters, media: MediaTotals, ports: RtpPortPool, clock: MediaClock, auth: DigestGuard | undefined): Registry {
  const registry = new Registry();
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  };
  gauge('sip_live_calls', 'calls in progress', () => calls.live);
  gauge('sip_rtp_ports_in_use', 'RTP ports bound', () => ports.used);
  gauge('sip_media_clock_late_ticks', 'media clock ticks that ran late', () => clock.counters.lateTicks);
  const counter = (name: string, help: string, read: () => number): void => {
    new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read()); } });
  };
  counter('sip_calls_offered_total', 'INVITEs that reached the call layer', () => calls.counters.offered);
  counter('sip_calls_refused_capacity_total', 'INVITEs refused with 503 at SIP_MAX_CALLS', () => calls.counters.refusedAtCapacity);
  counter('sip_calls_ended_total', 'calls ended (any reason)', () => calls.counters.ended);
  counter('sip_requests_refused_total', 'requests refused by the parser (400, 505, 513)', () => transport.refused);
  counter('sip_rtp_packets_total', 'RTP packets accepted (ended calls)', () => media.rtpPackets);
  counter('sip_frames_to_gateway_total', '20 ms frames sent to the gateway (ended calls)', () => media.framesToGateway);
  counter('sip_frames_dropped_total', 'frames dropped while the gateway stream was flow-controlled (ended calls)', () => media.framesDropped);
  counter('sip_frames_concealed_total', 'frames concealed for lost packets (ended calls)', () => media.framesConcealed);
  counter('sip_rtp_late_total', 'audio packets that came after their frame was concealed (ended calls)', () => media.rtpLate);
  counter('sip_dtmf_events_total', 'RFC 4733 DTMF events (ended calls)', () => media.dtmfEvents);
  counter('sip_auth_challenged_total', 'INVITEs answered 401 (digest challenge)', () => auth?.counters.challenged ?? 0);
  counter('sip_auth_refused_total', 'INVITEs refused 403 (wrong digest credentials)', () => auth?.counters.refused ?? 0);
  const labelled = (name: string, help: string, read: () => Map<string, number>): void => {
    new Counter({
      name, help, labelNames: ['reason'], registers: [registry],
      collect() {
        this.reset();
        for (const [reason, n] of read()) this.inc({ reason }, n);
      },
    });
  };
  labelled('sip_messages_dropped_total', 'SIP messages dropped unanswered, by reason', () => transport.dropped);
  labelled('sip_rtp_dropped_total', 'RTP packets dropped, by reason (ended calls)', () => media.rtpDropped);
  return registry;
}
