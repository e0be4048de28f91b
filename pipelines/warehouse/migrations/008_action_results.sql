-- Outcome of each action run by a connector. output is a flat JSON object of strings
-- (visitParamExtractString(output, 'ticket_id')); it may hold PII returned by a CRM.
CREATE TABLE IF NOT EXISTS {{database}}.action_results
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    action_id String,
    action_kind String,
    success UInt8,
    failure_reason String,
    latency_ms UInt32,
    output String
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
