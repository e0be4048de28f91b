-- What the dialogue decided. kind: say | ask | transfer_to_human | create_ticket |
-- verify_identity | update_crm | hang_up. The fields most queries need have columns; the rest of
-- the kind's fields are in params, a flat JSON object of strings readable with
-- visitParamExtractString(params, 'summary') on every engine. Map entries are keyed
-- '<map>.<key>' (e.g. 'slots.order_id', 'fields.priority', 'claims.dob'), so they never collide
-- with field names. text (say/ask), params values and claims are PII.
CREATE TABLE IF NOT EXISTS {{database}}.actions
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
    kind String,
    text String,
    language String,
    queue String,
    reason String,
    params String
)
ENGINE = ReplacingMergeTree(ingested_at_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (tenant_id, conversation_id, event_id);
