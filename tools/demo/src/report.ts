// The end-of-run report: each call's timeline, whether ClickHouse holds every event the bus
// carried exactly once, whether the call went as its scenario expected, and the service KPIs.
import type { PlayedCall } from '@switchboard/caller';
import type { PayloadKind } from '@switchboard/runtime';
import { countsMatch, EVENT_TABLES, TABLE_OF_KIND, type ConversationFacts, type ConversationOutcome, type ServiceKpis, type TableCounts, type TableName, type TimelineEntry } from '@switchboard/warehouse';
import { renderLatencies, renderTimeline, turnLatencies, type TurnLatency } from './timeline';

export type EventCounts = Partial<Record<TableName, number>>;

export interface CallResult {
  readonly played: PlayedCall;
  /** Distinct events the bus carried for the call, by the table they belong in. */
  readonly published: EventCounts;
  readonly stored: TableCounts | undefined;
  readonly facts: ConversationFacts | undefined;
  readonly outcome: ConversationOutcome | undefined;
  readonly timeline: readonly TimelineEntry[];
}

export function byTable(counts: Partial<Record<PayloadKind, number>>): EventCounts {
  const out: EventCounts = {};
  for (const [kind, n] of Object.entries(counts) as Array<[PayloadKind, number]>) out[TABLE_OF_KIND[kind]] = (out[TABLE_OF_KIND[kind]] ?? 0) + n;
  return out;
}

/** Every event the bus carried is in ClickHouse once, and nothing else is. */
export function storedExactlyOnce(r: Pick<CallResult, 'published' | 'stored'>): boolean {
  return r.stored !== undefined && countsMatch(r.stored, r.published) && (r.published.call_events ?? 0) > 0;
}

interface Check {
  readonly ok: boolean;
  readonly text: string;
}

export function expectationChecks(r: CallResult): Check[] {
  const { expect } = r.played.scenario;
  const checks: Check[] = [];
  if (expect.intent !== undefined) {
    const got = r.outcome?.first_intent ?? '';
    checks.push({ ok: got === expect.intent, text: `first request ${expect.intent}${got === expect.intent ? '' : ` (understood: ${got || 'nothing'})`}` });
  }
  if (expect.handoff !== undefined) {
    const handedOff = (r.outcome?.handoff_count ?? 0) > 0;
    checks.push({ ok: handedOff === expect.handoff, text: expect.handoff ? 'handed to a person' : 'served by the bot, no hand-off' });
  }
  checks.push({ ok: storedExactlyOnce(r), text: `every event in ClickHouse exactly once (${EVENT_TABLES.map((t) => r.stored?.[t] ?? 0).reduce((a, b) => a + b, 0)} events)` });
  return checks;
}

export function renderCall(r: CallResult, index: number): string[] {
  const { scenario } = r.played;
  const seconds = r.facts ? (r.facts.duration_ms / 1000).toFixed(1) : '?';
  const head = `Call ${index + 1}: ${scenario.name} (${scenario.language}${scenario.voice === 'calm' ? '' : `, ${scenario.voice} voice`}) · conversation ${r.played.conversationId.slice(0, 8)} · ${r.facts?.end_reason ?? 'not ended'} after ${seconds} s`;
  const checks = expectationChecks(r).map((c) => `    ${c.ok ? '✓' : '✗'} ${c.text}`);
  return ['', head, ...renderTimeline(r.played, r.timeline), '  Latency after the caller stopped talking:', ...renderLatencies(turnLatencies(r.played, r.timeline)), '  Checks:', ...checks];
}

function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function renderSummary(results: readonly CallResult[], kpis: ServiceKpis, database: string): string[] {
  const latencies: TurnLatency[] = results.flatMap((r) => turnLatencies(r.played, r.timeline));
  const replies = latencies.map((l) => l.replyAudioMs).filter((v): v is number => v !== undefined);
  const failed = results.flatMap((r) => expectationChecks(r)).filter((c) => !c.ok).length;
  const pct = (x: number): string => `${(100 * x).toFixed(0)} %`;
  return [
    '',
    `KPIs of these ${results.length} calls, read back from ClickHouse (database ${database}):`,
    `  calls ${kpis.calls}   AI self-service rate ${pct(kpis.selfServiceRate)} (${kpis.selfServed} served by the bot)   hand-offs ${kpis.handedOff}   average handle time ${(kpis.averageHandleTimeMs / 1000).toFixed(1)} s   calls with a ticket ${kpis.callsWithTicket}`,
    `  end of caller speech → first reply audio: p50 ${percentile(replies, 50) ?? '—'} ms, p90 ${percentile(replies, 90) ?? '—'} ms over ${replies.length} turns`,
    failed === 0 ? '  Every check passed.' : `  ${failed} check(s) failed: see the calls above.`,
  ];
}
