// The callers' thread (see callers.ts): dials the calls, plays the two scripted turns on each,
// posts one CallRecord per call.
import { parentPort, workerData } from 'node:worker_threads';
import { MediaIngestClient } from '@switchboard/gateway';
import { errorMessage } from '@switchboard/runtime';
import type { CallerJob, CallRecord } from './callers';
import { scriptedCall } from './scripted-call';

async function main(job: CallerJob): Promise<CallRecord[]> {
  const clients = Array.from({ length: job.connections }, () => new MediaIngestClient(job.address, { 'grpc.use_local_subchannel_pool': 1 }));
  try {
    await Promise.all(clients.map((c) => c.waitForReady(10_000)));
    return await Promise.all(Array.from({ length: job.calls }, async (_, i): Promise<CallRecord> => {
      await new Promise((r) => setTimeout(r, (i * job.rampMs) / job.calls));
      try {
        const line = await scriptedCall(clients[i % clients.length]!, `${job.runId}-${i}`, job.audio, job.replyTimeoutMs);
        const botAudio = line.events.flatMap((e) => (e.kind === 'bot-audio' ? [{ actionId: e.actionId, atEpochMs: performance.timeOrigin + e.atMs }] : []));
        return { conversationId: line.conversationId, botAudio };
      } catch (err) {
        return { conversationId: '', botAudio: [], error: errorMessage(err) };
      }
    }));
  } finally {
    for (const c of clients) c.close();
  }
}

main(workerData as CallerJob).then((records) => { parentPort!.postMessage(records); }, (err: unknown) => { throw err; });
