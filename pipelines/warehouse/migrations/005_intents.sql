-- Understood intents. Slots and alternatives are parallel arrays (portable across engines, and
-- ARRAY JOIN slot_names AS name, slot_values AS value reads them as rows). slot_values may be PII.
CREATE TABLE IF NOT EXISTS {{database}}.intents
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    utterance_id String,
    name String,
    confidence Float32,
    out_of_scope UInt8,
    language String,
    slot_names Array(String),
    slot_values Array(String),
    slot_confidences Array(Float32),
    alternative_names Array(String),
    alternative_confidences Array(Float32)
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
