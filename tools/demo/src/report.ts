// The end-of-run report: per call, what was published to Kafka and what ClickHouse holds.
import type { ConversationFacts, TableCounts } from '@switchboard/warehouse';
import type { CallPlan, CallProgress } from './caller';
import type { KindCounts } from './published-events';

export interface CallReport {
  readonly plan: CallPlan;
  readonly progress: CallProgress;
  readonly published: KindCounts;
  readonly stored: TableCounts | undefined;
  readonly facts: ConversationFacts | undefined;
}

interface Column {
  readonly title: string;
  readonly value: (r: CallReport) => string;
  readonly left?: boolean;
}

const lifecycleOf = (p: KindCounts): number => (p.callStarted ?? 0) + (p.callAnswered ?? 0) + (p.callEnded ?? 0);

const COLUMNS: readonly Column[] = [
  { title: 'call', value: (r) => r.plan.callId, left: true },
  { title: 'conversation', value: (r) => (r.progress.conversationId ?? '-').slice(0, 8), left: true },
  { title: 'codec', value: (r) => r.facts?.codec ?? '-', left: true },
  { title: 'lifecycle', value: (r) => String(lifecycleOf(r.published)) },
  { title: 'audio', value: (r) => String(r.published.audio ?? 0) },
  { title: 'dtmf', value: (r) => String(r.published.dtmf ?? 0) },
  { title: 'call_events', value: (r) => String(r.stored?.call_events ?? 0) },
  { title: 'audio_chunks', value: (r) => String(r.stored?.audio_chunks ?? 0) },
  { title: 'dtmf_events', value: (r) => String(r.stored?.dtmf_events ?? 0) },
  { title: 'frames', value: (r) => String(r.facts?.audio_frames ?? 0) },
  { title: 'seconds', value: (r) => (r.facts ? (r.facts.duration_ms / 1000).toFixed(1) : '-') },
  { title: 'end', value: (r) => r.facts?.end_reason ?? '-', left: true },
];

export function renderReport(reports: readonly CallReport[]): string {
  const cells = reports.map((r) => COLUMNS.map((c) => c.value(r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]!.length)));
  const fmt = (row: readonly string[]): string =>
    '  ' + row.map((v, i) => (COLUMNS[i]!.left ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
  // Group headings over the published (Kafka) and stored (ClickHouse) columns.
  const span = (from: number, to: number): number => widths.slice(from, to + 1).reduce((a, b) => a + b, 0) + 2 * (to - from);
  const lead = span(0, 2) + 2;
  const groups = '  ' + ' '.repeat(lead) + 'published to Kafka'.padEnd(span(3, 5) + 2) + 'rows in ClickHouse'.padEnd(span(6, 8) + 2) + 'per-call facts';
  return ['', 'Per call: events published to Kafka, and what ClickHouse holds', groups.trimEnd(), fmt(COLUMNS.map((c) => c.title)), ...cells.map(fmt)].join('\n');
}

/** True when ClickHouse holds exactly what was published for every call. */
export function allStored(reports: readonly CallReport[]): boolean {
  return reports.every((r) => {
    const p = r.published;
    const s = r.stored;
    if (!s) return false;
    const lifecycle = (p.callStarted ?? 0) + (p.callAnswered ?? 0) + (p.callEnded ?? 0);
    return lifecycle > 0 && s.call_events === lifecycle && s.audio_chunks === (p.audio ?? 0) && s.dtmf_events === (p.dtmf ?? 0);
  });
}
