// The warehouse tables and the columns the sink writes, in insert order. occurred_at is absent:
// the table computes it from occurred_at_ms (DEFAULT), so both engines agree on it.
// A test compares these lists with the migrated tables, so the two cannot drift apart.
import type { PayloadKind } from '@switchboard/runtime';

export const TABLE_NAMES = [
  'call_events',
  'audio_chunks',
  'dtmf_events',
  'transcripts',
  'intents',
  'emotions',
  'actions',
  'action_results',
  'dead_letters',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** The table each payload kind is stored in. */
export const TABLE_OF_KIND: Readonly<Record<PayloadKind, TableName>> = {
  callStarted: 'call_events', callAnswered: 'call_events', callEnded: 'call_events', audio: 'audio_chunks', dtmf: 'dtmf_events',
  transcript: 'transcripts', intent: 'intents', emotion: 'emotions', action: 'actions', actionResult: 'action_results',
};

/** Tables holding Envelope events (everything but dead_letters). */
export const EVENT_TABLES: readonly TableName[] = TABLE_NAMES.filter((t) => t !== 'dead_letters');

export const ENVELOPE_COLUMNS = ['tenant_id', 'conversation_id', 'event_id', 'occurred_at_ms', 'source', 'schema_version', 'ingested_at_ms'] as const;

/** Never empty (the client's insert wants a non-empty column list). */
export type ColumnList = readonly [string, ...string[]];

export const TABLE_COLUMNS: Readonly<Record<TableName, ColumnList>> = {
  call_events: [
    ...ENVELOPE_COLUMNS,
    'kind', 'call_id', 'caller_number', 'callee_number', 'codec', 'sample_rate_hz', 'channel', 'attribute_keys', 'attribute_values',
    'answered_at_ms', 'end_reason', 'end_detail', 'duration_ms', 'audio_frames', 'dtmf_digits',
  ],
  audio_chunks: [...ENVELOPE_COLUMNS, 'codec', 'sample_rate_hz', 'channels', 'first_sequence', 'frame_count', 'frame_duration_ms', 'payload_bytes', 'payload'],
  dtmf_events: [...ENVELOPE_COLUMNS, 'digit', 'duration_ms', 'sequence'],
  transcripts: [
    ...ENVELOPE_COLUMNS,
    'utterance_id', 'is_final', 'text', 'language', 'confidence', 'start_ms', 'end_ms', 'word_texts', 'word_start_ms', 'word_end_ms', 'word_confidences',
  ],
  intents: [
    ...ENVELOPE_COLUMNS,
    'utterance_id', 'name', 'confidence', 'out_of_scope', 'language', 'slot_names', 'slot_values', 'slot_confidences', 'alternative_names', 'alternative_confidences',
  ],
  emotions: [
    ...ENVELOPE_COLUMNS,
    'utterance_id', 'label', 'valence', 'arousal', 'text_sentiment', 'has_prosody', 'energy_db', 'pitch_mean_hz', 'pitch_range_hz', 'speaking_rate_sps', 'pause_ratio',
  ],
  actions: [...ENVELOPE_COLUMNS, 'action_id', 'kind', 'text', 'language', 'queue', 'reason', 'params'],
  action_results: [...ENVELOPE_COLUMNS, 'action_id', 'action_kind', 'success', 'failure_reason', 'latency_ms', 'output'],
  dead_letters: [
    ...ENVELOPE_COLUMNS,
    'error_code', 'reason', 'processor', 'origin_topic', 'origin_partition', 'origin_offset', 'record_key', 'record_value',
  ],
};
