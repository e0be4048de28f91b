-- Records some consumer set aside on sb.dlq. A dead letter is not an Envelope, so the envelope
-- columns are derived: event_id = 'dlq:<processor>:<origin topic>:<partition>:<offset>' (one
-- origin record dead-lettered twice by the same processor collapses), conversation_id = the
-- record key, tenant_id = the tenant of the original value when it still decodes (else ''),
-- occurred_at_ms = when it was dead-lettered, source = the processor, schema_version = 0.
-- record_value keeps the original bytes untouched for replay: it may hold PII.
CREATE TABLE IF NOT EXISTS {{database}}.dead_letters
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    error_code String,
    reason String,
    processor String,
    origin_topic String,
    origin_partition Int32,
    origin_offset Int64,
    record_key String,
    record_value String
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
