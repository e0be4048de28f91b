// main.js as a child process (what a pod runs), on the harness's Kafka and NATS under a fresh
// prefix; resolves once it listens. Killed with the test if still running.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { waitFor } from './wait-for';

export interface GatewayProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly prefix: string;
  readonly grpcPort: number;
  /** Everything it wrote to stderr so far. */
  readonly stderr: () => string;
}

export async function startGatewayProcess(t: TestContext, env: Record<string, string>, listenTimeoutMs = 15_000): Promise<GatewayProcess> {
  const prefix = `${uniqueName('gw_proc')}.`;
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'), NATS_URL: requireEnv('NATS_URL'), KAFKA_TOPIC_PREFIX: prefix,
      GATEWAY_GRPC_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_BIND_HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env,
    },
  });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const grpcPort = await waitFor('the gateway to listen', () => {
    const m = /"msg":"gateway listening","grpcPort":(\d+)/.exec(stderr);
    return m ? Number(m[1]) : undefined;
  }, listenTimeoutMs);
  return { child, prefix, grpcPort, stderr: () => stderr };
}
