// A Logger that keeps every line (debug and up), so tests can check what reached the logs.
import { createLogger, type Logger } from '@switchboard/runtime';

export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: string[];
}

export function captureLogs(component = 'speech-test'): CapturedLogger {
  const lines: string[] = [];
  return { logger: createLogger(component, 'debug', (line) => { lines.push(line); }), lines };
}
