// The gateway under test as a child process (its CPU is read from /proc/<pid>/stat), with its
// metrics endpoint and a SIGTERM stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { processCpuSeconds } from '@switchboard/testkit';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface GatewayProcess {
  readonly pid: number;
  readonly grpcAddress: string;
  metrics(): Promise<string>;
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<number | null>;
}


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => { resolve(port); });
    });
  });
}

export interface GatewayProcessOptions {
  /** Write a V8 CPU profile of the gateway (node --cpu-prof) into this directory when it exits. */
  readonly cpuProfileDir?: string;
}

export async function startGatewayProcess(env: Readonly<Record<string, string>>, options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const [grpcPort, httpPort] = [await freePort(), await freePort()];
  const main = join(__dirname, '..', '..', 'src', 'main.js');
  const profile = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir];
  const child: ChildProcess = spawn(process.execPath, [...profile, main], {
    env: { PATH: process.env.PATH ?? '', ...passThrough(['KAFKA_CLIENT', 'GATEWAY_AUDIO_BATCH_FRAMES', 'GATEWAY_PRODUCER_LINGER_MS']), ...env, GATEWAY_GRPC_PORT: String(grpcPort), GATEWAY_HTTP_PORT: String(httpPort), GATEWAY_BIND_HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the gateway process');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  const metricsUrl = `http://127.0.0.1:${httpPort}/metrics`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode} during start-up`);
    const ok = await fetch(`http://127.0.0.1:${httpPort}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the gateway was not ready within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    metrics: async () => (await fetch(metricsUrl)).text(),
    cpuSeconds: () => processCpuSeconds(pid),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Variables of the bench's own environment the gateway child inherits (the settings being compared). */
function passThrough(names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = process.env[n];
    if (v !== undefined && v !== '') out[n] = v;
  }
  return out;
}
