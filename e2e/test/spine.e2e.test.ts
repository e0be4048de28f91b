// The spine end to end on real servers: 20 concurrent calls stream 20 ms G.711 frames and DTMF
// through the gRPC gateway; ClickHouse ends up with every lifecycle, audio and DTMF event exactly
// once and correct per-call facts.
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { MediaIngestClient, playSimulatedCall } from '@switchboard/gateway';
import { conversationFacts, countEvents, qualified } from '@switchboard/warehouse';
import { startSpine } from '../src/platform';

const CALLS = 20;
const FRAMES = 150; // 3 s of audio per call at real-time pace
const BATCH_FRAMES = 5; // the gateway's default GATEWAY_AUDIO_BATCH_FRAMES

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last !== undefined) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('20 concurrent G.711 calls land in ClickHouse exactly once with correct facts', async (t) => {
  const spine = await startSpine('spine');
  t.after(() => spine.stop());
  const client = new MediaIngestClient(`127.0.0.1:${spine.gateway.grpcPort}`);
  t.after(() => { client.close(); });
  await client.waitForReady();

  const results = await Promise.all(Array.from({ length: CALLS }, (_, i) => playSimulatedCall(client, {
    callId: `e2e-call-${i}`,
    tenantId: 'acme',
    codec: i % 2 === 0 ? Codec.CODEC_PCMU : Codec.CODEC_PCMA,
    callerNumber: `+1555000${String(i).padStart(4, '0')}`,
    calleeNumber: '+15550009999',
    frames: FRAMES,
    paceMs: 20,
    dtmf: [{ afterFrame: 40, digit: String(i % 10) }, { afterFrame: 90, digit: '#' }],
  })));
  for (const r of results) {
    assert.equal(r.status.code, status.OK, r.status.details);
    assert.equal(r.framesSent, FRAMES);
    assert.ok(r.conversationId);
  }
  const ids = results.map((r) => r.conversationId!);
  const chunksPerCall = Math.ceil(FRAMES / BATCH_FRAMES);

  const counts = await waitFor('every event in ClickHouse', 60_000, async () => {
    const c = await countEvents(spine.clickhouse, spine.database, ids);
    return c.call_events === CALLS * 3 && c.audio_chunks === CALLS * chunksPerCall && c.dtmf_events === CALLS * 2 ? c : undefined;
  });
  assert.equal(counts.call_events, CALLS * 3, 'started, answered, ended per call');
  assert.equal(counts.audio_chunks, CALLS * chunksPerCall);
  assert.equal(counts.dtmf_events, CALLS * 2);
  assert.equal(counts.dead_letters, 0);

  // Exactly once in query results: deduplicated rows equal distinct events, per table.
  const idList = `(${ids.map((id) => `'${id}'`).join(',')})`;
  for (const table of ['call_events', 'audio_chunks', 'dtmf_events'] as const) {
    const rs = await spine.clickhouse.query({ query: `SELECT count() AS n, uniqExact(event_id) AS u FROM ${qualified(spine.database, table)} FINAL WHERE conversation_id IN ${idList}`, format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string | number; u: string | number }>();
    assert.equal(Number(row!.n), Number(row!.u), `${table}: one row per event`);
  }

  const facts = await conversationFacts(spine.clickhouse, spine.database, ids, 'acme');
  assert.equal(facts.length, CALLS);
  for (const f of facts) {
    const i = results.findIndex((r) => r.conversationId === f.conversation_id);
    assert.equal(f.call_id, `e2e-call-${i}`);
    assert.equal(f.codec, i % 2 === 0 ? 'pcmu' : 'pcma');
    assert.equal(f.audio_frames, FRAMES, 'every frame accounted for');
    assert.equal(f.audio_bytes, FRAMES * 160, 'every byte of audio stored');
    assert.equal(f.audio_chunks, chunksPerCall);
    assert.equal(f.dtmf_count, 2);
    assert.equal(f.end_reason, 'caller_hangup');
    assert.ok(f.started_at_ms > 0 && f.answered_at_ms >= f.started_at_ms && f.ended_at_ms >= f.answered_at_ms);
    // Paced at 20 ms, 150 frames take ~3 s: the recorded duration must reflect the real call.
    assert.ok(f.duration_ms >= FRAMES * 20 - 100, `duration ${f.duration_ms} ms`);
  }

  // Audio sequence continuity per call: chunks tile 1..FRAMES with no gap or overlap.
  const rs = await spine.clickhouse.query({
    query: `SELECT conversation_id, groupArray(first_sequence) AS seqs, groupArray(frame_count) AS counts FROM (SELECT conversation_id, first_sequence, frame_count FROM ${qualified(spine.database, 'audio_chunks')} FINAL WHERE conversation_id IN ${idList} ORDER BY conversation_id, first_sequence) GROUP BY conversation_id`,
    format: 'JSONEachRow',
  });
  const tiles = await rs.json<{ conversation_id: string; seqs: Array<string | number>; counts: Array<string | number> }>();
  assert.equal(tiles.length, CALLS);
  for (const tile of tiles) {
    let next = 1;
    tile.seqs.forEach((s, k) => {
      assert.equal(Number(s), next, `conversation ${tile.conversation_id} chunk ${k}`);
      next += Number(tile.counts[k]);
    });
    assert.equal(next, FRAMES + 1);
  }
});
