// The simulated callers of the overhead benchmark run on their own thread: 1,000 real-time
// lines sending 20 ms frames are work the platform would not do, and on the platform's event
// loop they would add their own delays to every figure. The thread reports, per call, when the
// first audio of each bot reply reached the line (epoch ms, the clock the events carry).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface CallerJob {
  readonly address: string;
  readonly calls: number;
  /** Calls are dialled evenly over this time, so their turns do not all end in the same instant. */
  readonly rampMs: number;
  readonly runId: string;
  readonly audio: readonly Int16Array[];
  readonly replyTimeoutMs: number;
  readonly connections: number;
}

export interface CallRecord {
  readonly conversationId: string;
  /** First reply audio per action id, epoch ms. */
  readonly botAudio: ReadonlyArray<{ readonly actionId: string; readonly atEpochMs: number }>;
  readonly error?: string;
}

export function runCallers(job: CallerJob): Promise<CallRecord[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'caller-worker.js'), { workerData: job });
    let result: CallRecord[] | undefined;
    worker.once('message', (m: CallRecord[]) => { result = m; });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`the caller thread exited with code ${code} before reporting`));
    });
  });
}
