// Graceful drain: on SIGTERM/SIGINT run the stop steps in order, bounded by a deadline, then exit.
import type { Logger } from './logger';

export function onShutdown(logger: Logger, deadlineMs: number, steps: Array<() => Promise<void>>): void {
  let started = false;
  const run = (signal: string): void => {
    if (started) return;
    started = true;
    logger.info('draining', { signal, deadlineMs });
    const timer = setTimeout(() => {
      logger.error('drain deadline passed, exiting', { deadlineMs });
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    void (async () => {
      let code = 0;
      for (const step of steps) {
        try {
          await step();
        } catch (err) {
          code = 1;
          logger.error('drain step failed', { error: err instanceof Error ? err.message : 'unknown' });
        }
      }
      logger.info('drained', { code });
      process.exit(code);
    })();
  };
  process.once('SIGTERM', () => { run('SIGTERM'); });
  process.once('SIGINT', () => { run('SIGINT'); });
}
