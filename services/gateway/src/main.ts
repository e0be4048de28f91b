// The gateway process: configuration from the environment, then serve until SIGTERM/SIGINT,
// drain (live calls get GATEWAY_DRAIN_TIMEOUT_MS to finish) and exit 0.
import { createLogger, errorMessage, onShutdown } from '@switchboard/runtime';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { startGateway } from './start-gateway';
import { startGatewayVoice } from './tts/gateway-voice';

/** Time after the drain deadline for the SHUTDOWN ends to publish and the clients to close. */
const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (err) {
    // Names the variables and rules, never their values.
    process.stderr.write(`gateway: ${errorMessage(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger('gateway', config.logLevel);
  const voice = config.voice === 'speech' ? await startGatewayVoice(logger) : undefined;
  const gateway = await startGateway(config, { logger, ...(voice ? { synthesizer: voice.synthesizer } : {}) });
  onShutdown(logger, config.drainTimeoutMs + SHUTDOWN_GRACE_MS, [() => gateway.stop(), async () => { await voice?.close(); }]);
  // Without its voice the bot answers in silence: exit, to be restarted with a fresh worker.
  void voice?.lost.then((why) => {
    logger.error('the bot\'s voice is gone, exiting', { reason: why });
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway: failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
