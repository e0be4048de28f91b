// One conversation's story as the warehouse holds it: lifecycle, final transcripts, intents,
// emotions, actions and their results, in event-time order, each event once. For the demo's
// per-call timelines and for support staff reading a call back; text and slot values are PII,
// shown to those allowed to read the warehouse, never logged.
import type { ClickHouseClient } from '@clickhouse/client';
import { qualified, quoteString } from './clickhouse/sql';

export type TimelineKind = 'call' | 'transcript' | 'intent' | 'emotion' | 'action' | 'action_result';

export interface TimelineEntry {
  readonly at_ms: number;
  readonly kind: TimelineKind;
  readonly source: string;
  /** call: started|answered|ended; transcript: language; intent: name; emotion: label; action: kind; action_result: kind. */
  readonly what: string;
  /** transcript: text; intent: slots "name=value, …"; action: text or queue; action_result: failure reason. */
  readonly text: string;
  /** intent and transcript: confidence; emotion: valence; action_result: latency ms; call ended: duration ms. */
  readonly value: number;
  /** transcript: where the utterance starts in the call (ms); action_result: 1 succeeded, 0 failed. */
  readonly start_ms: number;
  /** transcript: where the utterance ends in the call (ms). */
  readonly end_ms: number;
}

export async function conversationTimeline(client: ClickHouseClient, database: string, conversationId: string): Promise<TimelineEntry[]> {
  const id = quoteString(conversationId);
  const t = (name: string): string => qualified(database, name);
  // Each branch dedupes by event_id itself (copies of an event are identical).
  const query = `
    SELECT any(at_ms) AS at_ms, any(entry_kind) AS kind, any(source) AS source, any(what) AS what, any(text) AS text,
           any(value) AS value, any(start_ms) AS start_ms, any(end_ms) AS end_ms
    FROM (
      SELECT event_id, occurred_at_ms AS at_ms, 'call' AS entry_kind, source, toString(kind) AS what, end_reason AS text,
             toFloat64(duration_ms) AS value, toInt64(0) AS start_ms, toInt64(0) AS end_ms
      FROM ${t('call_events')} WHERE conversation_id = ${id}
      UNION ALL
      SELECT event_id, occurred_at_ms, 'transcript', source, language, text, toFloat64(confidence), start_ms, end_ms
      FROM ${t('transcripts')} WHERE conversation_id = ${id} AND is_final = 1
      UNION ALL
      SELECT event_id, occurred_at_ms, 'intent', source, name,
             arrayStringConcat(arrayMap((n, v) -> concat(n, '=', v), slot_names, slot_values), ', '), toFloat64(confidence), toInt64(0), toInt64(0)
      FROM ${t('intents')} WHERE conversation_id = ${id}
      UNION ALL
      SELECT event_id, occurred_at_ms, 'emotion', source, label, '', toFloat64(valence), toInt64(0), toInt64(0)
      FROM ${t('emotions')} WHERE conversation_id = ${id}
      UNION ALL
      SELECT event_id, occurred_at_ms, 'action', source, kind, if(queue != '', queue, text), toFloat64(0), toInt64(0), toInt64(0)
      FROM ${t('actions')} WHERE conversation_id = ${id}
      UNION ALL
      SELECT event_id, occurred_at_ms, 'action_result', source, action_kind, failure_reason, toFloat64(latency_ms), toInt64(success), toInt64(0)
      FROM ${t('action_results')} WHERE conversation_id = ${id}
    )
    GROUP BY event_id
    ORDER BY at_ms`;
  const rs = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  return rs.json<TimelineEntry>();
}
