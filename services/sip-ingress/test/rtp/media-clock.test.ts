import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MediaClock } from '../../src/rtp/media-clock';

describe('MediaClock', () => {
  it('ticks every member once per 20 ms of its clock, catching up after a stall', async () => {
    let now = 0;
    const clock = new MediaClock(() => now);
    let ticks = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => { done = resolve; });
    const member = {
      tick: () => {
        ticks++;
        // The first tick "stalls" the loop for 100 ms: the next run owes five ticks at once.
        if (ticks === 1) now += 100;
        if (ticks === 6) { clock.delete(member); done(); }
      },
    };
    now = 0;
    clock.add(member);
    now = 20;
    // The clock's timer is unref'd (it must not keep a process alive): this one keeps the test's.
    let watchdog: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((_, reject) => { watchdog = setTimeout(() => { reject(new Error('the clock stopped ticking')); }, 5000); })]);
    clearTimeout(watchdog);
    assert.equal(ticks, 6);
    assert.equal(clock.size, 0);
    assert.ok(clock.counters.lateTicks >= 4, `late ticks ${clock.counters.lateTicks}`);
  });
});
