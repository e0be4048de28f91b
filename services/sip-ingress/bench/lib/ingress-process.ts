// The sip-ingress under test as a child process (its CPU read from /proc), started with
// `node dist/src/main.js` exactly as a deployment runs it, stopped with SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePorts, processCpuSeconds } from '@switchboard/testkit';

export interface IngressProcess {
  readonly target: string;
  health(): Promise<Record<string, number | string | boolean>>;
  /** The Prometheus text of /metrics. */
  metrics(): Promise<string>;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** `cpuProfileDir`: write a V8 CPU profile of the ingress there when it exits. */
export async function startIngressProcess(gatewayAddress: string, env: Record<string, string>, cpuProfileDir?: string): Promise<IngressProcess> {
  const [sipPort, httpPort] = await freePorts(2);
  const profile = cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
  const child = spawn(process.execPath, [...profile, join(__dirname, '../../src/main.js')], {
    env: {
      ...process.env, SIP_BIND_HOST: '127.0.0.1', SIP_PORT: String(sipPort), SIP_HTTP_PORT: String(httpPort),
      SIP_ADVERTISED_ADDRESS: '127.0.0.1', GATEWAY_ADDRESS: gatewayAddress, LOG_LEVEL: 'warn', ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => { child.once('exit', () => { resolve(); }); });
  const health = async (): Promise<Record<string, number | string | boolean>> =>
    (await (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).json()) as Record<string, number | string | boolean>;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sip-ingress exited with code ${child.exitCode} at start`);
    try {
      await health();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('sip-ingress did not answer /healthz within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    target: `127.0.0.1:${sipPort}`,
    health,
    metrics: async () => (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text(),
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
