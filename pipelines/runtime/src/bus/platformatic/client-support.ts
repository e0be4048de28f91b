// Small helpers shared by the @platformatic/kafka adapter (platformatic-bus.ts) and its producer and
// consumer (serial-producer.ts, group-subscription.ts): type aliases, the common client options, and
// error/close/timer utilities.
import type { Message, MessagesStream } from '@platformatic/kafka';
import { errorMessage } from '../../errors';

export type KafkaMessage = Message;
export type KafkaStream = MessagesStream<Buffer, Buffer, Buffer, Buffer>;

/** Common client options: timeouts like the kafkajs adapter (connect 3 s, requests 30 s). */
export interface ClientBase {
  readonly clientId: string;
  readonly bootstrapBrokers: string[];
  readonly connectTimeout: number;
  readonly requestTimeout: number;
  readonly retryDelay: number;
}

export function isTopicAlreadyExists(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // Library errors (GenericError, MultipleErrors) search their causes with findBy.
  const findBy = (err as { findBy?: unknown }).findBy;
  if (typeof findBy === 'function' && (findBy as (property: string, value: unknown) => unknown).call(err, 'apiId', 'TOPIC_ALREADY_EXISTS')) return true;
  return /already exists/i.test(err.message);
}

/** close(force) of a producer or consumer: also ends its streams instead of refusing while they are open. */
export function forceClose(client: { close(force: boolean, callback: (error: Error | null) => void): void }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.close(true, (err) => { if (err) reject(err); else resolve(); });
  });
}

/** The error's message plus the Kafka error ids the library nests in it (never record contents). */
export function describeError(err: unknown): string {
  const ids = new Set<string>();
  const visit = (e: unknown, depth: number): void => {
    if (typeof e !== 'object' || e === null || depth > 4) return;
    const { apiId, errors, cause } = e as { apiId?: unknown; errors?: unknown; cause?: unknown };
    if (typeof apiId === 'string') ids.add(apiId);
    if (Array.isArray(errors)) for (const inner of errors as unknown[]) visit(inner, depth + 1);
    visit(cause, depth + 1);
  };
  visit(err, 0);
  const message = errorMessage(err);
  return ids.size === 0 ? message : `${message} (${[...ids].join(', ')})`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
