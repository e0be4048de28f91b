-- Emotion per utterance; has_prosody = 0 when only the text was scored (chat channels).
CREATE TABLE IF NOT EXISTS {{database}}.emotions
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
    label String,
    valence Float32,
    arousal Float32,
    text_sentiment Float32,
    has_prosody UInt8,
    energy_db Float32,
    pitch_mean_hz Float32,
    pitch_range_hz Float32,
    speaking_rate_sps Float32,
    pause_ratio Float32
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
