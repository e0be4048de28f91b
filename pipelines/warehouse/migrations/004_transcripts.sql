-- Recognised speech, partial and final. text and word_texts are PII. Word timings are parallel
-- arrays (same length): ARRAY JOIN word_texts AS word, word_start_ms AS start_ms, ….
CREATE TABLE IF NOT EXISTS {{database}}.transcripts
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
    is_final UInt8,
    text String,
    language String,
    confidence Float32,
    start_ms Int64,
    end_ms Int64,
    word_texts Array(String),
    word_start_ms Array(Int64),
    word_end_ms Array(Int64),
    word_confidences Array(Float32)
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
