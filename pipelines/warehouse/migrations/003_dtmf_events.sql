-- Key presses. digit is PII (card numbers and PINs are typed on the keypad).
CREATE TABLE IF NOT EXISTS {{database}}.dtmf_events
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    digit String,
    duration_ms UInt32,
    sequence UInt64
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
