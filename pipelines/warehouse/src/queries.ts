// Read helpers over the warehouse: what the tests, the bench and operators ask. Every query
// dedupes by event_id itself (never trusting unmerged ReplacingMergeTree parts), so results are
// exactly-once whether or not copies of an event are still stored.
import type { ClickHouseClient } from '@clickhouse/client';
import { qualified, quoteString, stringList } from './clickhouse/sql';
import { TABLE_NAMES, type TableName } from './rows/tables';

/** UInt64 as JSON numbers: every count and millisecond time here is far below 2^53. */
const NUMERIC_JSON = { output_format_json_quote_64bit_integers: 0 } as const;

async function selectRows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: NUMERIC_JSON });
  return rs.json<T>();
}

export type TableCounts = Record<TableName, number>;

function zeroCounts(): TableCounts {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as TableCounts;
}

/**
 * Distinct events per table for these conversations (dead letters: by record key). `rows` mode
 * counts stored rows instead, copies included, to see what deduplication is doing.
 */
export async function countEvents(
  client: ClickHouseClient,
  database: string,
  conversationIds: readonly string[],
  mode: 'events' | 'rows' = 'events',
): Promise<TableCounts> {
  const counts = zeroCounts();
  if (conversationIds.length === 0) return counts;
  const measure = mode === 'events' ? 'uniqExact(event_id)' : 'count()';
  const ids = stringList(conversationIds);
  const query = TABLE_NAMES.map(
    (t) => `SELECT ${quoteString(t)} AS table_name, ${measure} AS n FROM ${qualified(database, t)} WHERE conversation_id IN ${ids}`,
  ).join(' UNION ALL ');
  for (const r of await selectRows<{ table_name: TableName; n: number }>(client, query)) counts[r.table_name] = r.n;
  return counts;
}

/** Distinct events per table in the whole database (bench, smoke checks). */
export async function countAllEvents(client: ClickHouseClient, database: string): Promise<TableCounts> {
  const counts = zeroCounts();
  const query = TABLE_NAMES.map((t) => `SELECT ${quoteString(t)} AS table_name, uniqExact(event_id) AS n FROM ${qualified(database, t)}`).join(' UNION ALL ');
  for (const r of await selectRows<{ table_name: TableName; n: number }>(client, query)) counts[r.table_name] = r.n;
  return counts;
}

/** One row of the conversation_facts view (migrations/010_conversation_facts.sql). */
export interface ConversationFacts {
  tenant_id: string;
  conversation_id: string;
  call_id: string;
  channel: string;
  codec: string;
  started_at_ms: number;
  answered_at_ms: number;
  ended_at_ms: number;
  end_reason: string;
  duration_ms: number;
  audio_chunks: number;
  audio_frames: number;
  audio_bytes: number;
  dtmf_count: number;
  transcript_count: number;
  final_transcript_count: number;
  intent_count: number;
  emotion_count: number;
  action_count: number;
  action_result_count: number;
  failed_action_count: number;
  first_event_at_ms: number;
  last_event_at_ms: number;
}

/** Facts of these conversations, ordered by conversation id (conversations without events are absent). */
export async function conversationFacts(
  client: ClickHouseClient,
  database: string,
  conversationIds: readonly string[],
  tenantId?: string,
): Promise<ConversationFacts[]> {
  if (conversationIds.length === 0) return [];
  const tenant = tenantId === undefined ? '' : ` AND tenant_id = ${quoteString(tenantId)}`;
  return selectRows<ConversationFacts>(
    client,
    `SELECT * FROM ${qualified(database, 'conversation_facts')} WHERE conversation_id IN ${stringList(conversationIds)}${tenant} ORDER BY conversation_id`,
  );
}

/** One dead letter as stored (copies collapsed). */
export interface StoredDeadLetter {
  event_id: string;
  tenant_id: string;
  conversation_id: string;
  error_code: string;
  reason: string;
  processor: string;
  origin_topic: string;
  origin_partition: number;
  origin_offset: number;
  record_value_hex: string;
}

/** Dead letters whose origin is one of these topics (filtered in a subquery: the outer aliases shadow the columns). */
export async function deadLettersFrom(client: ClickHouseClient, database: string, originTopics: readonly string[]): Promise<StoredDeadLetter[]> {
  if (originTopics.length === 0) return [];
  return selectRows<StoredDeadLetter>(
    client,
    `SELECT event_id, any(tenant_id) AS tenant_id, any(conversation_id) AS conversation_id, any(error_code) AS error_code, any(reason) AS reason,
            any(processor) AS processor, any(origin_topic) AS origin_topic, any(origin_partition) AS origin_partition,
            any(origin_offset) AS origin_offset, hex(any(record_value)) AS record_value_hex
     FROM (SELECT * FROM ${qualified(database, 'dead_letters')} WHERE origin_topic IN ${stringList(originTopics)})
     GROUP BY event_id
     ORDER BY origin_topic, origin_partition, origin_offset`,
  );
}
