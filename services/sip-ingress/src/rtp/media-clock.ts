// One 20 ms clock for every call on the process (a timer per call would cost 1,000 timers at
// 1,000 calls). Ticks are scheduled against the start time, so the clock does not drift; when
// the event loop was late, the missed ticks run back to back so each call still gets one tick
// per 20 ms of wall time. The ticks run in setImmediate, after the event loop's I/O phase: after
// a stall, the packets waiting in the sockets are read before the clock decides that their
// frames are overdue (otherwise they would be concealed first and then dropped as late).
import { FRAME_MS } from './g711-frames';

export interface Ticking {
  tick(nowMs: number): void;
}

/** Missed ticks beyond this are skipped (a stall this long is not worth replaying). */
const MAX_CATCH_UP_TICKS = 50;

export class MediaClock {
  private readonly members = new Set<Ticking>();
  private timer: NodeJS.Timeout | undefined;
  private startMs = 0;
  private ticks = 0;
  /** Bumped by stop(): a tick already queued in setImmediate then does nothing. */
  private generation = 0;
  /** Ticks that ran late (after the next one was due) and ticks skipped after a stall. */
  readonly counters = { lateTicks: 0, skippedTicks: 0 };

  constructor(private readonly now: () => number = () => performance.now()) {}

  get size(): number {
    return this.members.size;
  }

  add(member: Ticking): void {
    this.members.add(member);
    if (this.timer === undefined) {
      this.startMs = this.now();
      this.ticks = 0;
      this.schedule();
    }
  }

  delete(member: Ticking): void {
    this.members.delete(member);
    if (this.members.size === 0) this.stop();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
  }

  private schedule(): void {
    const delay = Math.max(0, this.startMs + (this.ticks + 1) * FRAME_MS - this.now());
    const generation = this.generation;
    this.timer = setTimeout(() => { setImmediate(() => { if (generation === this.generation) this.run(); }); }, delay);
    this.timer.unref();
  }

  private run(): void {
    const generation = this.generation;
    const now = this.now();
    let due = Math.floor((now - this.startMs) / FRAME_MS) - this.ticks;
    if (due > 1) this.counters.lateTicks += due - 1;
    if (due > MAX_CATCH_UP_TICKS) {
      this.counters.skippedTicks += due - MAX_CATCH_UP_TICKS;
      this.ticks += due - MAX_CATCH_UP_TICKS;
      due = MAX_CATCH_UP_TICKS;
    }
    for (let i = 0; i < due; i++) {
      this.ticks++;
      for (const m of this.members) m.tick(now);
    }
    // A member may have ended the last call (and stopped the clock) during its tick.
    if (generation === this.generation) this.schedule();
  }
}
