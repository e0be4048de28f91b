// What every transport does with a parse result: a request or response goes up (the request's
// top Via stamped for the reply), a refused request that can be answered gets its 4xx/5xx here,
// everything else is dropped and counted by reason. Nothing from the message is logged (PII).
import type { SipRequest, SipResponse } from '../message/message';
import type { ParseResult } from '../message/parse-message';
import { buildResponse, reasonPhrase } from '../message/serialize';
import type { ReplyPath } from '../transaction/server-transactions';
import { stampTopVia, type Source } from './source';

export interface SipHandlers {
  onRequest(request: SipRequest, source: Source, reply: ReplyPath): void;
  onResponse(response: SipResponse, source: Source): void;
}

export interface TransportCounters {
  /** Messages dropped without an answer, by reason ('unparseable', 'stray-response', …). */
  readonly dropped: Map<string, number>;
  /** Requests refused by the parser with a response (400, 505, 513). */
  refused: number;
}

export function newCounters(): TransportCounters {
  return { dropped: new Map(), refused: 0 };
}

export function countDrop(counters: TransportCounters, reason: string): void {
  counters.dropped.set(reason, (counters.dropped.get(reason) ?? 0) + 1);
}

export interface InboundContext {
  readonly handlers: SipHandlers;
  readonly counters: TransportCounters;
}

export function deliver(result: ParseResult, source: Source, reply: ReplyPath, ctx: InboundContext): void {
  if (!result.ok) {
    if (!result.isRequest || result.error.status === 0 || result.headers === undefined || !result.headers.has('via')) {
      countDrop(ctx.counters, result.isRequest ? 'unanswerable-request' : 'malformed-response');
      return;
    }
    ctx.counters.refused++;
    reply.send(buildResponse(result.headers, result.error.status, reasonPhrase(result.error.status, result.error.detail)));
    return;
  }
  const { message } = result;
  if (message.kind === 'response') {
    ctx.handlers.onResponse(message, source);
    return;
  }
  const headers = stampTopVia(message.headers, message.vias[0]!, source);
  ctx.handlers.onRequest(headers === message.headers ? message : { ...message, headers }, source, reply);
}
