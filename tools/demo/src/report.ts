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

const pad = (v: string | number, n: number): string => String(v).padStart(n);

export function renderReport(reports: readonly CallReport[]): string {
  const out: string[] = [];
  out.push('');
  out.push('Per call: events published to Kafka  →  rows read back from ClickHouse');
  out.push('  call        conversation  codec  | published: lifecycle audio dtmf | ClickHouse: call_events audio_chunks dtmf_events | frames  seconds  end');
  for (const r of reports) {
    const pub = r.published;
    const lifecycle = (pub.callStarted ?? 0) + (pub.callAnswered ?? 0) + (pub.callEnded ?? 0);
    const s = r.stored;
    const f = r.facts;
    out.push([
      `  ${r.plan.callId.padEnd(10)}`,
      (r.progress.conversationId ?? '-').slice(0, 12).padEnd(12),
      (f?.codec ?? '-').padEnd(5),
      `| ${pad(lifecycle, 20)} ${pad(pub.audio ?? 0, 5)} ${pad(pub.dtmf ?? 0, 4)}`,
      `| ${pad(s?.call_events ?? 0, 23)} ${pad(s?.audio_chunks ?? 0, 12)} ${pad(s?.dtmf_events ?? 0, 11)}`,
      `| ${pad(f?.audio_frames ?? 0, 6)} ${pad(f ? (f.duration_ms / 1000).toFixed(1) : '-', 8)}  ${f?.end_reason ?? '-'}`,
    ].join(' '));
  }
  return out.join('\n');
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
