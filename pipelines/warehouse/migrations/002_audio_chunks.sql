-- Audio as it arrived: one row per chunk of consecutive frames. payload holds the raw frame bytes
-- (frame_count frames concatenated). Voice is biometric PII: restrict SELECT on payload like the
-- phone numbers; metadata columns are enough for KPIs.
CREATE TABLE IF NOT EXISTS {{database}}.audio_chunks
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    codec String,
    sample_rate_hz UInt32,
    channels UInt32,
    first_sequence UInt64,
    frame_count UInt32,
    frame_duration_ms UInt32,
    payload_bytes UInt32,
    payload String
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
