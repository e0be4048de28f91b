// The actions processor: consumes `action` events from sb.actions, has the routed connector
// execute each connector kind, and emits one `actionResult` per executed action on
// sb.action-results (the dialogue waits on it).
//
// say, ask and hang_up are carried out by the gateway on the live call (dialogue sends them over
// NATS): this processor ignores them and emits nothing for them. transfer_to_human is also moved
// by the gateway; it is executed here only when a connector is routed for it (e.g. to open a case
// in the agents' helpdesk), and otherwise ignored the same way.
//
// Idempotency: a redelivered action carries the same action id. The built-in store answers it
// from its journal; a webhook receives the action id as Idempotency-Key. Nothing is cached here.
//
// Logs carry ids, kinds, connector names, reasons and latency; never field, slot or claim values.
import type { Action, ActionResult } from '@switchboard/contracts';
import { errorMessage, type Logger, type Processor } from '@switchboard/runtime';
import { failed, type ConnectorOutcome } from './connector';
import { classifyAction, type ConnectorCall } from './kinds';
import { routeKeyOf, type ConnectorRouter } from './routing';

export interface ActionsProcessorOptions {
  readonly connectors: ConnectorRouter;
  /** Processor name: consumer group `sb.<name>` and the `source` of results (default `actions`). */
  readonly name?: string;
  /** Monotonic milliseconds for latency (tests may inject one). */
  readonly clock?: () => number;
}

const MAX_UINT32 = 0xffff_ffff;

export function createActionsProcessor(opts: ActionsProcessorOptions): Processor {
  const clock = opts.clock ?? (() => performance.now());
  const router = opts.connectors;

  const execute = async (call: ConnectorCall, action: Action, tenantId: string, conversationId: string, logger: Logger): Promise<{ connector: string; outcome: ConnectorOutcome }> => {
    const connector = router.route(call);
    if (connector === undefined) return { connector: '', outcome: failed('not_configured') };
    try {
      return { connector: connector.name, outcome: await connector.execute({ actionId: action.actionId, tenantId, conversationId, call }) };
    } catch (err) {
      // Connectors report expected failures as outcomes; a throw is a bug, answered all the same.
      logger.error('connector threw', { actionId: action.actionId, connector: connector.name, error: errorMessage(err) });
      return { connector: connector.name, outcome: failed('internal') };
    }
  };

  return {
    name: opts.name ?? 'actions',
    inputs: ['actions'],
    handles: new Set(['action']),
    initialState: () => undefined,
    async handle(event, ctx) {
      // Stateless: dropping the (empty) state keeps the runtime from holding a key per conversation.
      ctx.finish();
      const action = event.action;
      if (action === undefined) return;
      const { kind, call } = classifyAction(action);
      if (kind !== undefined && call === undefined) return; // a gateway kind
      if (call?.kind === 'transfer_to_human' && router.route(call) === undefined) return; // the gateway transfers
      const start = clock();
      let connector = '';
      let outcome: ConnectorOutcome;
      if (call === undefined || action.actionId === '') {
        // An action without a kind or an id cannot be executed (nor made idempotent); say so rather than stay silent.
        outcome = failed('invalid');
      } else {
        ({ connector, outcome } = await execute(call, action, ctx.tenantId, ctx.conversationId, ctx.logger));
      }
      const latencyMs = Math.min(MAX_UINT32, Math.max(0, Math.round(clock() - start)));
      const result: ActionResult = {
        actionId: action.actionId,
        actionKind: kind ?? 'unspecified',
        success: outcome.ok,
        failureReason: outcome.ok ? '' : outcome.reason,
        latencyMs,
        output: { ...outcome.output },
      };
      ctx.emit('actionResult', result);
      const fields = { actionId: action.actionId, kind: result.actionKind, route: call ? routeKeyOf(call) : undefined, connector, latencyMs };
      if (outcome.ok) ctx.logger.info('action executed', fields);
      else ctx.logger.warn('action failed', { ...fields, reason: outcome.reason });
    },
  };
}
