// The gateway's Prometheus metrics. One registry per gateway instance (not prom-client's global
// one) so several gateways can run in one process, as the end-to-end tests do.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * A counter bumped once per audio frame: a plain number, handed to Prometheus at scrape time,
 * because prom-client's inc() allocates (a labels object and a result) on every call.
 */
export class PerFrameCounter {
  private value = 0;

  constructor(name: string, help: string, registry: Registry) {
    const counter: Counter = new Counter({
      name, help, registers: [registry],
      collect: () => {
        counter.reset();
        counter.inc(this.value);
      },
    });
  }

  inc(): void {
    this.value++;
  }
}

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly liveCalls = new Gauge({ name: 'sb_gateway_live_calls', help: 'Calls currently streaming', registers: [this.registry] });
  readonly framesIn = new PerFrameCounter('sb_gateway_frames_in_total', 'Audio frames accepted from the media side', this.registry);
  readonly framesPublished = new Counter({ name: 'sb_gateway_frames_published_total', help: 'Audio frames acknowledged by Kafka', registers: [this.registry] });
  readonly framesDropped = new Counter({
    name: 'sb_gateway_frames_dropped_total',
    help: 'Accepted audio frames that never reached Kafka (publish failed); should stay 0',
    registers: [this.registry],
  });
  readonly framesAfterEnd = new Counter({
    name: 'sb_gateway_frames_after_end_total',
    help: 'Frames the media side sent after the call had ended (bot hang-up, shutdown); not part of the call',
    registers: [this.registry],
  });
  /** Where the pending count is read at scrape time (a gauge update per frame would cost more). */
  pendingFramesSource: () => number = () => 0;
  readonly pendingFrames: Gauge = new Gauge({
    name: 'sb_gateway_pending_frames',
    help: 'Accepted frames not yet acknowledged by Kafka',
    registers: [this.registry],
    collect: () => { this.pendingFrames.set(this.pendingFramesSource()); },
  });
  readonly pausedStreams = new Gauge({ name: 'sb_gateway_paused_streams', help: 'Streams whose read side is paused for back-pressure', registers: [this.registry] });
  readonly publishLatencyMs = new Histogram({
    name: 'sb_gateway_publish_latency_ms',
    help: 'Time from handing records to the producer to their acknowledgement, ms',
    buckets: [1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 2000, 5000, 10000],
    registers: [this.registry],
  });
  readonly rejectedStreams = new Counter({
    name: 'sb_gateway_rejected_streams_total',
    help: 'Streams ended with an error status, by gRPC status name',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly callsEnded = new Counter({ name: 'sb_gateway_calls_ended_total', help: 'Calls ended, by reason', labelNames: ['reason'] as const, registers: [this.registry] });
  readonly actionsRelayed = new Counter({ name: 'sb_gateway_actions_relayed_total', help: 'Control actions sent down to calls, by kind', labelNames: ['kind'] as const, registers: [this.registry] });
  readonly speechReadyMs = new Histogram({
    name: 'sb_gateway_speech_ready_ms',
    help: 'From a say/ask action reaching the call to its audio being ready to play (synthesis, cache), ms',
    buckets: [1, 5, 10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000],
    registers: [this.registry],
  });
  readonly bargeIns = new Counter({ name: 'sb_gateway_barge_ins_total', help: 'Prompts stopped because the caller talked over them', registers: [this.registry] });
  readonly backchannels = new Counter({ name: 'sb_gateway_backchannels_total', help: 'Short caller sounds during a prompt that did not stop it', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sb_gateway_' });
  }
}
