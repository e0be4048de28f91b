// Back-pressure: frames accepted from the media side but not yet acknowledged by Kafka are
// counted per call and for the whole gateway. Above a threshold a call's read side is paused
// (gRPC/HTTP-2 flow control then slows the sender) until acknowledgements bring the count down
// to half the threshold. Nothing is ever dropped to relieve pressure.
import type { GatewayMetrics } from '../metrics/gateway-metrics';

/** Pauses and resumes reading from one call's stream. */
export interface ReadGate {
  pause(): void;
  resume(): void;
}

/** The gateway-wide count, shared by every call. */
export class GlobalFlow {
  private total = 0;
  private saturated = false;
  private readonly waiting = new Set<CallFlow>();

  constructor(
    private readonly maxTotal: number,
    metrics: GatewayMetrics,
  ) {
    metrics.pendingFramesSource = () => this.total;
  }

  get pendingFrames(): number {
    return this.total;
  }

  /** True from reaching maxTotal until back at half of it. */
  get isSaturated(): boolean {
    return this.saturated;
  }

  add(frames: number): void {
    this.total += frames;
    if (!this.saturated && this.total >= this.maxTotal) this.saturated = true;
  }

  settle(frames: number): void {
    this.total -= frames;
    if (this.saturated && this.total <= this.maxTotal / 2) {
      this.saturated = false;
      // Calls paused only because of the global count get a chance to resume.
      const waiting = [...this.waiting];
      this.waiting.clear();
      for (const flow of waiting) flow.reevaluate();
    }
  }

  waitFor(flow: CallFlow): void {
    this.waiting.add(flow);
  }

  forget(flow: CallFlow): void {
    this.waiting.delete(flow);
  }
}

/** One call's count and its read gate. */
export class CallFlow {
  private pending = 0;
  private paused = false;
  private closed = false;

  constructor(
    private readonly global: GlobalFlow,
    private readonly maxPending: number,
    private readonly gate: ReadGate,
    private readonly metrics: GatewayMetrics,
  ) {}

  get pendingFrames(): number {
    return this.pending;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Frames handed to the outbox. */
  queued(frames: number): void {
    if (frames === 0) return;
    this.pending += frames;
    this.global.add(frames);
    this.reevaluate();
  }

  /** Frames acknowledged (or, on failure, counted as dropped). */
  settled(frames: number): void {
    if (frames === 0) return;
    this.pending -= frames;
    this.global.settle(frames);
    this.reevaluate();
  }

  reevaluate(): void {
    if (this.closed) return;
    if (!this.paused) {
      if (this.pending >= this.maxPending || this.global.isSaturated) this.setPaused(true);
    } else if (this.pending <= this.maxPending / 2 && !this.global.isSaturated) {
      this.setPaused(false);
    }
    if (this.paused && this.global.isSaturated) this.global.waitFor(this);
  }

  /** The call ended: release the gate accounting (remaining frames settle through settled()). */
  close(): void {
    if (this.paused) this.setPaused(false);
    this.closed = true;
    this.global.forget(this);
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) {
      this.metrics.pausedStreams.inc();
      this.gate.pause();
    } else {
      this.metrics.pausedStreams.dec();
      this.gate.resume();
    }
  }
}
