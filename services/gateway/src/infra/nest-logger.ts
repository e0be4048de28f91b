// Routes Nest's own log lines (bootstrap, route mapping, errors) through our JSON logger.
import type { LoggerService } from '@nestjs/common';
import type { Logger } from '@switchboard/runtime';

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return 'nest event';
}

function contextOf(params: unknown[]): string | undefined {
  const last = params.at(-1);
  return typeof last === 'string' ? last : undefined;
}

export class NestLoggerAdapter implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    // Nest's start-up chatter (module init, mapped routes) is debug detail for us.
    this.logger.debug(text(message), { source: contextOf(params) });
  }

  error(message: unknown, ...params: unknown[]): void {
    this.logger.error(text(message), { source: contextOf(params) });
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn(text(message), { source: contextOf(params) });
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug(text(message), { source: contextOf(params) });
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.debug(text(message), { source: contextOf(params) });
  }
}
