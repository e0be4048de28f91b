// A connector that POSTs each action as JSON to a configured URL (a helpdesk, CRM or RPA bridge).
// Every attempt carries the action id as Idempotency-Key, so the receiver can recognise a retry
// or a redelivered action and answer it without acting twice. Values of the action are sent to
// the endpoint but never logged; the URL is not logged either (it may hold a token).
import { setTimeout as sleepMs } from 'node:timers/promises';
import { createLogger, errorMessage, type Logger } from '@switchboard/runtime';
import { failed, type Connector, type ConnectorOutcome, type ConnectorRequest } from '../connector';
import { CONNECTOR_KINDS, type ConnectorKind } from '../kinds';
import { outcomeFromBody, readBodyCapped, reasonForStatus } from './response';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs, type RetryTiming } from './retry';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface WebhookAuth {
  /** Header name, e.g. `Authorization`. */
  readonly header: string;
  /** Full header value (scheme included), read from a secret; never logged. */
  readonly value: string;
}

export interface WebhookOptions extends Partial<RetryTiming> {
  readonly name: string;
  readonly url: string;
  /** Kinds this endpoint accepts; every connector kind by default (routing picks what it gets). */
  readonly kinds?: ReadonlySet<ConnectorKind>;
  /** Per attempt, headers and body included. */
  readonly timeoutMs?: number;
  /** Attempts in all, the first included. */
  readonly maxAttempts?: number;
  readonly maxResponseBytes?: number;
  readonly auth?: WebhookAuth;
  readonly logger?: Logger;
  /** The wait between attempts (tests inject one that records and resolves at once). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
}

export const WEBHOOK_DEFAULTS = {
  timeoutMs: 5000,
  maxAttempts: 3,
  backoffBaseMs: 200,
  backoffMaxMs: 2000,
  retryAfterCapMs: 5000,
  maxResponseBytes: 64 * 1024,
} as const;

/** What one attempt came to: a final outcome, or a transient failure worth another try. */
type Attempt =
  | { readonly final: ConnectorOutcome }
  | { readonly retry: 'timeout' | 'unavailable'; readonly status?: number; readonly retryAfterMs?: number };

/** The JSON body POSTed for an action; `fields` is the action's own message (its generated shape). */
export function webhookBody(req: ConnectorRequest): string {
  return JSON.stringify({
    kind: req.call.kind,
    actionId: req.actionId,
    conversationId: req.conversationId,
    tenantId: req.tenantId,
    fields: req.call.body,
  });
}

export function createWebhookConnector(opts: WebhookOptions): Connector {
  const timing: RetryTiming = {
    backoffBaseMs: opts.backoffBaseMs ?? WEBHOOK_DEFAULTS.backoffBaseMs,
    backoffMaxMs: opts.backoffMaxMs ?? WEBHOOK_DEFAULTS.backoffMaxMs,
    retryAfterCapMs: opts.retryAfterCapMs ?? WEBHOOK_DEFAULTS.retryAfterCapMs,
  };
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs;
  const maxAttempts = Math.max(1, opts.maxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts);
  const maxResponseBytes = opts.maxResponseBytes ?? WEBHOOK_DEFAULTS.maxResponseBytes;
  const logger = (opts.logger ?? createLogger('actions', 'warn')).child({ connector: opts.name });
  const sleep = opts.sleep ?? ((ms: number) => sleepMs(ms));
  const random = opts.random ?? Math.random;

  const attempt = async (req: ConnectorRequest, body: string): Promise<Attempt> => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      [IDEMPOTENCY_HEADER]: req.actionId,
    };
    if (opts.auth) headers[opts.auth.header] = opts.auth.value;
    // One signal bounds the whole attempt: connecting, headers and reading the body.
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await fetch(opts.url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    } catch {
      return { retry: signal.aborted ? 'timeout' : 'unavailable' };
    }
    if (res.status >= 200 && res.status < 300) {
      let text: string | undefined;
      try {
        text = await readBodyCapped(res, maxResponseBytes);
      } catch {
        // The action may have been done; the idempotency key makes asking again safe.
        return { retry: signal.aborted ? 'timeout' : 'unavailable', status: res.status };
      }
      return { final: text === undefined ? failed('bad_response') : outcomeFromBody(text) };
    }
    // The body of an error response is not needed; release the connection.
    await res.body?.cancel().catch(() => undefined);
    if (isRetryableStatus(res.status)) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
      return retryAfterMs === undefined ? { retry: 'unavailable', status: res.status } : { retry: 'unavailable', status: res.status, retryAfterMs };
    }
    return { final: failed(reasonForStatus(res.status)) };
  };

  return {
    name: opts.name,
    kinds: opts.kinds ?? new Set(CONNECTOR_KINDS),
    async execute(req) {
      const body = webhookBody(req);
      for (let n = 1; ; n++) {
        let result: Attempt;
        try {
          result = await attempt(req, body);
        } catch (err) {
          logger.error('webhook attempt failed unexpectedly', { actionId: req.actionId, attempt: n, error: errorMessage(err) });
          return failed('internal');
        }
        if ('final' in result) return result.final;
        if (n >= maxAttempts) {
          logger.warn('webhook gave up', { actionId: req.actionId, attempts: n, reason: result.retry, status: result.status });
          return failed(result.retry);
        }
        const waitMs = retryDelayMs(n, result.retryAfterMs, timing, random);
        logger.info('webhook attempt failed, retrying', { actionId: req.actionId, attempt: n, reason: result.retry, status: result.status, retryInMs: waitMs });
        await sleep(waitMs);
      }
    },
  };
}
