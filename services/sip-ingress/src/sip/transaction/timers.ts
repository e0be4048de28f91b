// RFC 3261 §17 timer values (Table 4) from T1, T2 and T4, and the scheduler port the
// transactions use, so tests can drive time by hand (and a deployment can shorten T1 on a LAN).

export interface TimerSettings {
  /** RTT estimate (RFC 3261 default 500 ms). */
  readonly t1Ms: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses (4 s). */
  readonly t2Ms: number;
  /** Maximum time a message stays in the network (5 s). */
  readonly t4Ms: number;
}

export const DEFAULT_TIMERS: TimerSettings = { t1Ms: 500, t2Ms: 4000, t4Ms: 5000 };

export interface TimerHandle {
  cancel(): void;
}

export interface Scheduler {
  after(delayMs: number, fn: () => void): TimerHandle;
}

/** The real clock: unref'd timers, so a pending Timer H never keeps a process alive. */
export const realScheduler: Scheduler = {
  after(delayMs, fn) {
    const t = setTimeout(fn, delayMs);
    t.unref();
    return { cancel: () => { clearTimeout(t); } };
  },
};

/** 64·T1: Timers B, F, H, J (unreliable) and L. */
export const timeoutMs = (t: TimerSettings): number => 64 * t.t1Ms;
