-- conversation_facts: one row per conversation, exactly once although events are delivered (and
-- inserted) at least once.
--
-- Why a plain VIEW over the event tables rather than a materialized table: a materialized view
-- sees every inserted block, copies included, so sum()/count() states would count an event that
-- was delivered twice twice; and a retried insert can write the view's target without (or twice
-- with) the source rows. -State columns can be made idempotent for counts (uniqExactState of
-- event_id) and for min/max, but not for sums such as audio_frames. So the facts are computed at
-- query time from the deduplicated events:
--   * counts are uniqExact(event_id);
--   * sums first collapse copies with GROUP BY event_id (copies are identical, any() picks one);
--   * times and call attributes use min/max/argMax, which extra copies cannot change.
-- The result is the same whether or not ReplacingMergeTree has merged the copies yet.
-- Always filter by tenant_id / conversation_id (and a time range on the event tables for
-- reports): the conversation_facts() query helper does; current engines push those filters into
-- the per-table scans.
-- Values that are unknown are 0 / '' (e.g. answered_at_ms = 0: never answered).
CREATE VIEW IF NOT EXISTS {{database}}.conversation_facts AS
SELECT
    tenant_id,
    conversation_id,
    max(call_id) AS call_id,
    max(channel) AS channel,
    max(codec) AS codec,
    sum(started_at_ms) AS started_at_ms,
    sum(answered_at_ms) AS answered_at_ms,
    sum(ended_at_ms) AS ended_at_ms,
    max(end_reason) AS end_reason,
    sum(duration_ms) AS duration_ms,
    sum(audio_chunks) AS audio_chunks,
    sum(audio_frames) AS audio_frames,
    sum(audio_bytes) AS audio_bytes,
    sum(dtmf_count) AS dtmf_count,
    sum(transcript_count) AS transcript_count,
    sum(final_transcript_count) AS final_transcript_count,
    sum(intent_count) AS intent_count,
    sum(emotion_count) AS emotion_count,
    sum(action_count) AS action_count,
    sum(action_result_count) AS action_result_count,
    sum(failed_action_count) AS failed_action_count,
    min(first_event_at_ms) AS first_event_at_ms,
    max(last_event_at_ms) AS last_event_at_ms
FROM
(
    -- Each branch yields at most one row per conversation with every column (zeros for the
    -- columns of other branches), so the outer sum() just picks the branch's value.
    -- Call lifecycle: min/max/argMax only, which copies of an event cannot change.
    SELECT
        tenant_id,
        conversation_id,
        maxIf(call_id, kind = 'started') AS call_id,
        maxIf(channel, kind = 'started') AS channel,
        maxIf(codec, kind = 'started') AS codec,
        minIf(occurred_at_ms, kind = 'started') AS started_at_ms,
        minIf(if(answered_at_ms > 0, answered_at_ms, occurred_at_ms), kind = 'answered') AS answered_at_ms,
        maxIf(occurred_at_ms, kind = 'ended') AS ended_at_ms,
        argMaxIf(end_reason, occurred_at_ms, kind = 'ended') AS end_reason,
        argMaxIf(duration_ms, occurred_at_ms, kind = 'ended') AS duration_ms,
        toUInt64(0) AS audio_chunks,
        toUInt64(0) AS audio_frames,
        toUInt64(0) AS audio_bytes,
        toUInt64(0) AS dtmf_count,
        toUInt64(0) AS transcript_count,
        toUInt64(0) AS final_transcript_count,
        toUInt64(0) AS intent_count,
        toUInt64(0) AS emotion_count,
        toUInt64(0) AS action_count,
        toUInt64(0) AS action_result_count,
        toUInt64(0) AS failed_action_count,
        min(occurred_at_ms) AS first_event_at_ms,
        max(occurred_at_ms) AS last_event_at_ms
    FROM {{database}}.call_events
    GROUP BY tenant_id, conversation_id

    UNION ALL

    -- Audio: copies collapse in the inner GROUP BY event_id before anything is summed.
    SELECT
        tenant_id,
        conversation_id,
        '' AS call_id,
        '' AS channel,
        '' AS codec,
        toUInt64(0) AS started_at_ms,
        toUInt64(0) AS answered_at_ms,
        toUInt64(0) AS ended_at_ms,
        '' AS end_reason,
        toInt64(0) AS duration_ms,
        count() AS audio_chunks,
        sum(chunk_frames) AS audio_frames,
        sum(chunk_bytes) AS audio_bytes,
        toUInt64(0) AS dtmf_count,
        toUInt64(0) AS transcript_count,
        toUInt64(0) AS final_transcript_count,
        toUInt64(0) AS intent_count,
        toUInt64(0) AS emotion_count,
        toUInt64(0) AS action_count,
        toUInt64(0) AS action_result_count,
        toUInt64(0) AS failed_action_count,
        min(chunk_occurred_at_ms) AS first_event_at_ms,
        max(chunk_occurred_at_ms) AS last_event_at_ms
    FROM
    (
        SELECT
            tenant_id,
            conversation_id,
            event_id,
            toUInt64(any(frame_count)) AS chunk_frames,
            toUInt64(any(payload_bytes)) AS chunk_bytes,
            any(occurred_at_ms) AS chunk_occurred_at_ms
        FROM {{database}}.audio_chunks
        GROUP BY tenant_id, conversation_id, event_id
    )
    GROUP BY tenant_id, conversation_id

    UNION ALL

    -- Everything else is counted: uniqExact(event_id) counts each event once.
    SELECT
        tenant_id,
        conversation_id,
        '' AS call_id,
        '' AS channel,
        '' AS codec,
        toUInt64(0) AS started_at_ms,
        toUInt64(0) AS answered_at_ms,
        toUInt64(0) AS ended_at_ms,
        '' AS end_reason,
        toInt64(0) AS duration_ms,
        toUInt64(0) AS audio_chunks,
        toUInt64(0) AS audio_frames,
        toUInt64(0) AS audio_bytes,
        uniqExactIf(event_id, event_table = 'dtmf_events') AS dtmf_count,
        uniqExactIf(event_id, event_table = 'transcripts') AS transcript_count,
        uniqExactIf(event_id, event_table = 'transcripts' AND flag = 1) AS final_transcript_count,
        uniqExactIf(event_id, event_table = 'intents') AS intent_count,
        uniqExactIf(event_id, event_table = 'emotions') AS emotion_count,
        uniqExactIf(event_id, event_table = 'actions') AS action_count,
        uniqExactIf(event_id, event_table = 'action_results') AS action_result_count,
        uniqExactIf(event_id, event_table = 'action_results' AND flag = 1) AS failed_action_count,
        min(occurred_at_ms) AS first_event_at_ms,
        max(occurred_at_ms) AS last_event_at_ms
    FROM
    (
        -- flag: is_final for transcripts, "failed" for action results, else 0.
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('dtmf_events') AS event_table, toUInt8(0) AS flag
        FROM {{database}}.dtmf_events
        UNION ALL
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('transcripts') AS event_table, toUInt8(is_final) AS flag
        FROM {{database}}.transcripts
        UNION ALL
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('intents') AS event_table, toUInt8(0) AS flag
        FROM {{database}}.intents
        UNION ALL
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('emotions') AS event_table, toUInt8(0) AS flag
        FROM {{database}}.emotions
        UNION ALL
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('actions') AS event_table, toUInt8(0) AS flag
        FROM {{database}}.actions
        UNION ALL
        SELECT tenant_id, conversation_id, event_id, occurred_at_ms, materialize('action_results') AS event_table, toUInt8(success = 0) AS flag
        FROM {{database}}.action_results
    )
    GROUP BY tenant_id, conversation_id
)
GROUP BY tenant_id, conversation_id;
