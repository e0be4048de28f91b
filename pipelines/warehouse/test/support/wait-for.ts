// Waiting for a condition by polling with a deadline: tests await an event, never a fixed sleep.
import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from '@switchboard/runtime';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Named in the timeout error, with the last value seen. */
  readonly what: string;
}

/** Polls `probe` until `done(value)`; returns that value or throws at the deadline. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, opts: WaitOptions): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `last error: ${errorMessage(lastError)}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what} (${seen})`);
    }
    await delay(opts.intervalMs ?? 200);
  }
}
