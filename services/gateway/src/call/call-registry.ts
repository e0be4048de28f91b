// The live calls of this gateway: enforces unique call ids and GATEWAY_MAX_CALLS, refuses new
// calls while draining, and ends the remaining calls when the drain deadline passes.
import { Inject, Injectable } from '@nestjs/common';
import { SwitchboardError } from '@switchboard/runtime';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GatewayMetrics } from '../metrics/gateway-metrics';

/** What the registry needs from a live call. */
export interface LiveCall {
  /** Ends the call because the gateway is shutting down; resolves once it has ended. */
  shutdown(): Promise<void>;
}

@Injectable()
export class CallRegistry {
  private readonly live = new Map<string, LiveCall>();
  private draining = false;
  private emptied: Array<() => void> = [];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly metrics: GatewayMetrics,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  get size(): number {
    return this.live.size;
  }

  /** Throws UNAVAILABLE while draining (new streams should go to another gateway). */
  assertAccepting(): void {
    if (this.draining) throw new SwitchboardError('UNAVAILABLE', 'gateway is draining: not accepting new calls');
  }

  /**
   * Claims the call id synchronously, so two streams racing with the same id cannot both start.
   * Throws UNAVAILABLE (draining), ALREADY_EXISTS (id live) or RESOURCE_EXHAUSTED (full).
   */
  register(callId: string, call: LiveCall): void {
    this.assertAccepting();
    if (this.live.has(callId)) throw new SwitchboardError('ALREADY_EXISTS', 'a call with this call_id is live');
    if (this.live.size >= this.config.maxCalls) {
      throw new SwitchboardError('RESOURCE_EXHAUSTED', `gateway is at its limit of ${this.config.maxCalls} live calls`);
    }
    this.live.set(callId, call);
    this.metrics.liveCalls.set(this.live.size);
  }

  release(callId: string, call: LiveCall): void {
    if (this.live.get(callId) !== call) return;
    this.live.delete(callId);
    this.metrics.liveCalls.set(this.live.size);
    if (this.live.size === 0) {
      const waiters = this.emptied;
      this.emptied = [];
      for (const w of waiters) w();
    }
  }

  /**
   * Stops accepting calls, lets live ones go on for up to `timeoutMs`, then ends the rest
   * (CallEnded SHUTDOWN) and resolves once all have ended.
   */
  async drain(timeoutMs: number): Promise<{ endedByShutdown: number }> {
    this.draining = true;
    if (this.live.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.emptied.push(resolve)),
        new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); }),
      ]);
      clearTimeout(timer);
    }
    const remaining = [...this.live.values()];
    await Promise.allSettled(remaining.map((c) => c.shutdown()));
    return { endedByShutdown: remaining.length };
  }
}
