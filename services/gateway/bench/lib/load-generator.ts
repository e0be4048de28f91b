// N concurrent simulated calls streaming 20 ms G.711 frames in real time: frame k of call i
// leaves at t0 + (i mod 20) ms + 20 k ms (calls spread over the frame period, as real trunks
// are), then every call hangs up. Frames are counted when handed to the stream.
import { Codec } from '@switchboard/contracts';
import { MediaIngestClient, toneFrame, type MediaCallStream, type StreamStatus } from '../../src/index';

export interface LoadResult {
  readonly callsAccepted: number;
  readonly framesSent: number;
  /** When the first frame was due and when the last call's status arrived (performance.now ms). */
  readonly streamStartMs: number;
  readonly sendEndMs: number;
  readonly allEndedMs: number;
  readonly statusCounts: Readonly<Record<string, number>>;
}

/** Separate HTTP/2 connections, like several media servers in front of one gateway. */
const CONNECTIONS = 8;
const SETUP_CONCURRENCY = 200;
const TICK_MS = 4;

interface LiveCall {
  readonly stream: MediaCallStream;
  readonly phaseMs: number;
  sent: number;
}

/** Called when streaming starts and when the last call has ended (the measurement window). */
export interface LoadMarks {
  streaming(): void;
  ended(): void;
}

export async function runLoad(grpcAddress: string, calls: number, seconds: number, tag: string, marks: LoadMarks): Promise<LoadResult> {
  const clients = Array.from({ length: CONNECTIONS }, () => new MediaIngestClient(grpcAddress, { 'grpc.use_local_subchannel_pool': 1 }));
  try {
    await Promise.all(clients.map((c) => c.waitForReady(10_000)));
    const frames = Array.from({ length: 50 }, (_, i) => toneFrame(Codec.CODEC_PCMU, 8000, i));
    const live: LiveCall[] = [];
    for (let first = 0; first < calls; first += SETUP_CONCURRENCY) {
      const batch = Array.from({ length: Math.min(SETUP_CONCURRENCY, calls - first) }, async (_, j) => {
        const i = first + j;
        const stream = clients[i % CONNECTIONS]!.openStream();
        stream.start({ callId: `${tag}-${i}`, tenantId: 'bench', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, callerNumber: '+15550000000', calleeNumber: '+15551111111', attributes: {} });
        const accepted = await stream.next(30_000);
        if (accepted?.accepted) live.push({ stream, phaseMs: i % 20, sent: 0 });
      });
      await Promise.all(batch);
    }
    const framesPerCall = seconds * 50;
    const streamStartMs = performance.now() + 50;
    setTimeout(() => { marks.streaming(); }, 50);
    await new Promise<void>((resolve) => {
      const tick = (): void => {
        const elapsed = performance.now() - streamStartMs;
        let done = true;
        for (const c of live) {
          // Catch up if the loop was late: every frame whose time has come leaves now.
          const due = Math.min(framesPerCall, Math.floor((elapsed - c.phaseMs) / 20) + 1);
          while (c.sent < due) {
            c.stream.audio(c.sent + 1, frames[c.sent % 50]!);
            c.sent++;
          }
          if (c.sent < framesPerCall) done = false;
        }
        if (done) resolve();
        else setTimeout(tick, TICK_MS);
      };
      setTimeout(tick, Math.max(0, streamStartMs - performance.now()));
    });
    const sendEndMs = performance.now();
    for (const c of live) {
      c.stream.hangup('bench done');
      c.stream.end();
    }
    const statuses: StreamStatus[] = await Promise.all(live.map((c) => c.stream.status));
    const allEndedMs = performance.now();
    marks.ended();
    const statusCounts: Record<string, number> = {};
    for (const s of statuses) statusCounts[String(s.code)] = (statusCounts[String(s.code)] ?? 0) + 1;
    return { callsAccepted: live.length, framesSent: live.reduce((n, c) => n + c.sent, 0), streamStartMs, sendEndMs, allEndedMs, statusCounts };
  } finally {
    for (const c of clients) c.close();
  }
}
