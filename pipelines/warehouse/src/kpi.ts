// The service KPIs the ops boards and the demo's summary show, over conversation_facts and
// conversation_outcomes (both exactly-once views). Definitions:
//   calls                conversations that ended in the window (or of the given ids)
//   handedOff            of those, conversations with a transfer to a human
//   selfServed           ended, never handed off, and at least one request understood
//   selfServiceRate      selfServed / calls (0 when there are no calls)
//   averageHandleTimeMs  mean call duration (CallEnded.duration_ms)
import type { ClickHouseClient } from '@clickhouse/client';
import { qualified, quoteString, stringList } from './clickhouse/sql';

export interface ServiceKpis {
  calls: number;
  handedOff: number;
  selfServed: number;
  selfServiceRate: number;
  averageHandleTimeMs: number;
  callsWithTicket: number;
}

/** One row of the conversation_outcomes view (migrations/011_conversation_outcomes.sql). */
export interface ConversationOutcome {
  tenant_id: string;
  conversation_id: string;
  handoff_count: number;
  ticket_count: number;
  first_intent: string;
  intent_turns: number;
  out_of_scope_turns: number;
}

const NUMERIC_JSON = { output_format_json_quote_64bit_integers: 0 } as const;

export async function conversationOutcomes(client: ClickHouseClient, database: string, conversationIds: readonly string[]): Promise<ConversationOutcome[]> {
  if (conversationIds.length === 0) return [];
  const rs = await client.query({
    query: `SELECT * FROM ${qualified(database, 'conversation_outcomes')} WHERE conversation_id IN ${stringList(conversationIds)} ORDER BY conversation_id`,
    format: 'JSONEachRow',
    clickhouse_settings: NUMERIC_JSON,
  });
  return rs.json<ConversationOutcome>();
}

/** KPIs of a tenant's calls that ended in [fromMs, toMs), or of the given conversations. */
export async function serviceKpis(
  client: ClickHouseClient,
  database: string,
  scope: { readonly conversationIds: readonly string[] } | { readonly tenantId: string; readonly fromMs: number; readonly toMs: number },
): Promise<ServiceKpis> {
  const where = 'conversationIds' in scope
    ? `conversation_id IN ${stringList(scope.conversationIds.length > 0 ? scope.conversationIds : [''])}`
    : `tenant_id = ${quoteString(scope.tenantId)} AND ended_at_ms >= ${Math.trunc(scope.fromMs)} AND ended_at_ms < ${Math.trunc(scope.toMs)}`;
  const outcomes = qualified(database, 'conversation_outcomes');
  // IN subqueries rather than a JOIN: the same text runs on 18.16 (which wants ANY/ALL joins) and today's engines.
  const query = `
    SELECT
      count() AS calls,
      countIf(conversation_id IN (SELECT conversation_id FROM ${outcomes} WHERE handoff_count > 0)) AS handed_off,
      countIf(conversation_id IN (SELECT conversation_id FROM ${outcomes} WHERE handoff_count = 0 AND intent_turns > 0)) AS self_served,
      if(count() = 0, 0, avg(duration_ms)) AS aht_ms,
      countIf(conversation_id IN (SELECT conversation_id FROM ${outcomes} WHERE ticket_count > 0)) AS with_ticket
    FROM ${qualified(database, 'conversation_facts')}
    WHERE ${where} AND ended_at_ms > 0`;
  const rs = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: NUMERIC_JSON });
  const [row] = await rs.json<{ calls: number; handed_off: number; self_served: number; aht_ms: number; with_ticket: number }>();
  const calls = row?.calls ?? 0;
  const selfServed = row?.self_served ?? 0;
  return {
    calls,
    handedOff: row?.handed_off ?? 0,
    selfServed,
    selfServiceRate: calls === 0 ? 0 : selfServed / calls,
    averageHandleTimeMs: Math.round(row?.aht_ms ?? 0),
    callsWithTicket: row?.with_ticket ?? 0,
  };
}
