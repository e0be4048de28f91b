// The actions process: environment → deployment file → connectors → processor on Kafka;
// SIGTERM drains (finish in-flight actions, commit, close the store journal).
// A bad configuration exits with code 1 and one line naming the keys (never their values).
import { createKafkaBus, createLogger, errorMessage, onShutdown, runProcessor, topicNames } from '@switchboard/runtime';
import { buildConnectors } from './config/build';
import { loadActionsEnv, type ActionsEnvConfig } from './config/env-config';
import { loadActionsConfigFile, parseActionsConfig, type ActionsFileConfig } from './config/file-config';
import { createActionsProcessor } from './processor';

const DRAIN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  let env: ActionsEnvConfig;
  let file: ActionsFileConfig;
  try {
    env = loadActionsEnv();
    file = env.configFile === '' ? parseActionsConfig({}, process.cwd()) : loadActionsConfigFile(env.configFile);
  } catch (err) {
    process.stderr.write(`actions: ${errorMessage(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger('actions', env.logLevel);
  const built = await buildConnectors(file, { logger, ...(env.storeDir === '' ? {} : { storeDir: env.storeDir }) });
  const bus = createKafkaBus(env, logger);
  const running = await runProcessor(createActionsProcessor({ connectors: built.router }), {
    bus,
    topics: topicNames(env.topicPrefix),
    logger,
    onFatal: (err) => {
      logger.error('consumer gave up, exiting to be restarted', { error: errorMessage(err) });
      process.exit(1);
    },
  });
  onShutdown(logger, DRAIN_DEADLINE_MS, [
    () => running.stop(),
    () => bus.close(),
    () => built.close(),
  ]);
}

main().catch((err: unknown) => {
  process.stderr.write(`actions: failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
