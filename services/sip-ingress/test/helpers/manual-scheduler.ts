// Time driven by the test: timers fire in due order when `advance` moves the clock past them.
import type { Scheduler, TimerHandle } from '../../src/sip/transaction/timers';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

export class ManualScheduler implements Scheduler {
  nowMs = 0;
  private seq = 0;
  private pending: Pending[] = [];

  after(delayMs: number, fn: () => void): TimerHandle {
    const p: Pending = { at: this.nowMs + delayMs, seq: this.seq++, fn, cancelled: false };
    this.pending.push(p);
    return { cancel: () => { p.cancelled = true; } };
  }

  advance(ms: number): void {
    const until = this.nowMs + ms;
    for (;;) {
      const due = this.pending.filter((p) => !p.cancelled && p.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      due.cancelled = true;
      this.nowMs = due.at;
      due.fn();
    }
    this.nowMs = until;
    this.pending = this.pending.filter((p) => !p.cancelled);
  }

  get activeTimers(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}
