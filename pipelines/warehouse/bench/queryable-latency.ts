// Event → queryable latency: sample events are produced one at a time (over a light background
// stream) and a poller asks ClickHouse which of them are visible; latency = first seen in a
// SELECT minus the produce call's start. Resolution is the polling interval (~25 ms).
import { setTimeout as delay } from 'node:timers/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import { newEnvelope, type Producer, type TopicNames } from '@switchboard/runtime';
import { qualified, quoteString } from '../src/index';
import { eventRecord } from '../test/support/conversation-events';

export interface LatencyResult {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export async function queryableLatency(
  producer: Producer, topics: TopicNames, client: ClickHouseClient, database: string, runId: string, samples: number, everyMs: number,
): Promise<LatencyResult> {
  const pending = new Map<string, number>(); // event id → produced at
  const latencies: number[] = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      await delay(25);
      if (pending.size === 0) continue;
      const ids = [...pending.keys()].map(quoteString).join(', ');
      const rs = await client.query({ query: `SELECT DISTINCT event_id FROM ${qualified(database, 'transcripts')} WHERE event_id IN (${ids})`, format: 'JSONEachRow' });
      const seenAt = Date.now();
      for (const { event_id } of await rs.json<{ event_id: string }>()) {
        const at = pending.get(event_id);
        if (at === undefined) continue;
        latencies.push(seenAt - at);
        pending.delete(event_id);
      }
    }
  })();
  for (let i = 0; i < samples; i++) {
    const env = newEnvelope({ tenantId: 'bench', conversationId: `${runId}-lat${i % 50}`, source: 'bench' }, 'transcript', {
      utteranceId: `u${i}`, isFinal: true, text: 'latency sample', language: 'en', confidence: 1, startMs: 0, endMs: 1, words: [], prosody: undefined,
    });
    const at = Date.now();
    pending.set(env.eventId, at);
    await producer.send([eventRecord(topics, env)]);
    await delay(everyMs);
  }
  const deadline = Date.now() + 30_000;
  while (pending.size > 0 && Date.now() < deadline) await delay(50);
  done = true;
  await poller;
  if (pending.size > 0) throw new Error(`${pending.size} latency samples never became queryable`);
  const sorted = [...latencies].sort((a, b) => a - b);
  return { samples: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] ?? 0 };
}
