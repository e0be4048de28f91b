-- Conventions for every event table (ClickHouse 18.16 and current engines alike):
-- * One row per event; the envelope columns come first and are the same in every table.
-- * occurred_at (DateTime, seconds) is computed from occurred_at_ms, the exact time: 18.16 has no
--   DateTime64. It exists for partitioning and for time functions.
-- * ReplacingMergeTree keyed by (tenant_id, conversation_id, event_id): copies of one event
--   (at-least-once delivery) collapse when parts merge. Merges happen "eventually" and 18.16 does
--   not collapse duplicates inside one insert, so queries always dedupe themselves (FINAL,
--   uniqExact(event_id) or GROUP BY event_id); never count raw rows.
-- * Partitions are months of occurred_at: copies of an event land in the same partition (so they
--   collapse), and retention is ALTER TABLE … DROP PARTITION (18.16 has no TTL).
-- * No LowCardinality/DateTime64/TTL/CODEC: 18.16 lacks them.

-- Call lifecycle: kind = started | answered | ended; the payload columns of the other kinds are
-- empty/zero. caller_number and callee_number are PII (phone numbers): grant SELECT on them only
-- to roles cleared for PII; KPI views and dashboards never select them.
CREATE TABLE IF NOT EXISTS {{database}}.call_events
(
    tenant_id String,
    conversation_id String,
    event_id String,
    occurred_at DateTime DEFAULT toDateTime(intDiv(occurred_at_ms, 1000)),
    occurred_at_ms UInt64,
    source String,
    schema_version UInt32,
    ingested_at_ms UInt64,
    kind Enum8('started' = 1, 'answered' = 2, 'ended' = 3),
    call_id String,
    caller_number String,
    callee_number String,
    codec String,
    sample_rate_hz UInt32,
    channel String,
    attribute_keys Array(String),
    attribute_values Array(String),
    answered_at_ms UInt64,
    end_reason String,
    end_detail String,
    duration_ms Int64,
    audio_frames UInt64,
    dtmf_digits UInt64
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
