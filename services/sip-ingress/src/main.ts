// Process entry: configuration, the endpoint, and SIGTERM → drain (503 + Retry-After to new
// calls, live calls kept until they end or SIP_DRAIN_TIMEOUT_MS).
import { createLogger, onShutdown, SwitchboardError } from '@switchboard/runtime';
import { loadSipIngressConfig } from './config';
import { startSipIngress } from './start-sip-ingress';

async function main(): Promise<void> {
  let config;
  try {
    config = loadSipIngressConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof SwitchboardError ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger('sip-ingress', config.logLevel);
  const ingress = await startSipIngress(config, logger);
  // The drain itself is bounded by SIP_DRAIN_TIMEOUT_MS; the process deadline leaves room for the BYEs.
  onShutdown(logger, config.drainTimeoutMs + 10_000, [() => ingress.drain()]);
}

void main().catch((err: unknown) => {
  process.stderr.write(`sip-ingress failed to start: ${err instanceof Error ? err.message : 'unknown error'}\n`);
  process.exit(1);
});
