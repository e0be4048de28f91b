-- conversation_outcomes: what became of each conversation, for the service KPIs (AI self-service
-- rate, hand-offs, the request that started it). Exactly once like conversation_facts: counts are
-- uniqExact(event_id) and the first intent is argMin over event time, which copies of an event
-- cannot change. Join it to conversation_facts by (tenant_id, conversation_id), or filter with IN.
--   handoff_count     transfer_to_human actions (the call went to a person)
--   ticket_count      create_ticket actions
--   first_intent      the first in-scope intent ('' when there was none)
--   intent_turns      in-scope intents (the caller's understood requests and answers)
--   out_of_scope_turns
CREATE VIEW IF NOT EXISTS {{database}}.conversation_outcomes AS
SELECT
    tenant_id,
    conversation_id,
    sum(handoff_count) AS handoff_count,
    sum(ticket_count) AS ticket_count,
    max(first_intent) AS first_intent,
    sum(intent_turns) AS intent_turns,
    sum(out_of_scope_turns) AS out_of_scope_turns
FROM
(
    SELECT
        tenant_id,
        conversation_id,
        uniqExactIf(event_id, kind = 'transfer_to_human') AS handoff_count,
        uniqExactIf(event_id, kind = 'create_ticket') AS ticket_count,
        '' AS first_intent,
        toUInt64(0) AS intent_turns,
        toUInt64(0) AS out_of_scope_turns
    FROM {{database}}.actions
    GROUP BY tenant_id, conversation_id

    UNION ALL

    SELECT
        tenant_id,
        conversation_id,
        toUInt64(0) AS handoff_count,
        toUInt64(0) AS ticket_count,
        argMinIf(name, occurred_at_ms, out_of_scope = 0) AS first_intent,
        uniqExactIf(event_id, out_of_scope = 0) AS intent_turns,
        uniqExactIf(event_id, out_of_scope = 1) AS out_of_scope_turns
    FROM {{database}}.intents
    GROUP BY tenant_id, conversation_id
)
GROUP BY tenant_id, conversation_id;
