// The pipeline host process: configuration → knowledge pack, connectors, speech worker → the
// chosen processors on Kafka; ops endpoints; SIGTERM drains (in-flight batches finish and commit).
// A bad configuration exits with code 1 and one line naming the variables (never their values).
import { buildConnectors, loadActionsConfigFile, parseActionsConfig } from '@switchboard/actions';
import {
  createKafkaBus, createLogger, errorMessage, KafkaStateStore, NatsControlPlane, onShutdown, startOpsServer, stateTopicName, topicNames, type Bus,
} from '@switchboard/runtime';
import { startSpeechWorker, WorkerSpeechRecognizer } from '@switchboard/speech';
import { loadHostConfig, type HostConfig } from './config';
import { createHostRegistry } from './host-metrics';
import type { ProcessorDeps } from './hosted-processors';
import { loadKnowledgePack } from './knowledge-pack';
import { startPipelines, type RunningPipelines } from './start-pipelines';

const DRAIN_DEADLINE_MS = 30_000;

function fail(prefix: string, err: unknown): never {
  process.stderr.write(`pipeline: ${prefix}${errorMessage(err)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: HostConfig;
  try {
    config = loadHostConfig();
  } catch (err) {
    fail('', err);
  }
  const logger = createLogger('pipeline', config.logLevel);
  const runs = (name: HostConfig['processors'][number]): boolean => config.processors.includes(name);
  const closers: Array<() => Promise<void>> = [];

  // Everything that can be checked without a server is checked first.
  let pipelines: RunningPipelines | undefined = undefined;
  let ready = false;
  const registry = createHostRegistry(() => pipelines?.processors ?? []);
  const ops = await startOpsServer({ port: config.httpPort, registry, isReady: () => ready });
  closers.push(() => ops.close());
  const opened: { bus?: Bus; control?: NatsControlPlane } = {};
  // Registered before anything slow starts: a pod stopped while it loads models or waits for
  // Kafka still closes what it has opened (the speech worker, connections) and exits 0.
  onShutdown(logger, DRAIN_DEADLINE_MS, [
    () => { ready = false; return Promise.resolve(); },
    async () => { await pipelines?.stop(); },
    async () => { await opened.bus?.close(); },
    async () => { await opened.control?.close(); },
    async () => { for (const close of [...closers].reverse()) await close(); },
  ]);
  const deps: { -readonly [K in keyof ProcessorDeps]: ProcessorDeps[K] } = { defaultLanguage: config.asrDefaultLanguage, earlyRecognitionMs: config.asrEarlyRecognitionMs };
  try {
    if (runs('nlu') || runs('dialogue')) deps.pack = loadKnowledgePack(config.packDir);
    if (runs('actions')) {
      const file = config.configFile === '' ? parseActionsConfig({}, process.cwd()) : loadActionsConfigFile(config.configFile);
      const built = await buildConnectors(file, { logger, ...(config.storeDir === '' ? {} : { storeDir: config.storeDir }) });
      closers.push(() => built.close());
      deps.connectors = built.router;
    }
  } catch (err) {
    fail('', err);
  }
  if (runs('asr')) {
    const worker = await startSpeechWorker({ logger: logger.child({ component: 'speech-worker' }) });
    closers.push(() => worker.close());
    deps.recognizer = WorkerSpeechRecognizer.fromWorker(worker);
    // A worker that dies takes the recognizer with it: exit, to be restarted with a fresh one.
    void worker.exited.then(() => { if (ready) fail('', new Error('the speech worker exited')); });
  }

  const bus = (opened.bus = createKafkaBus(config, logger));
  const control = runs('dialogue') ? (opened.control = await NatsControlPlane.connect(config.natsUrl, logger, { name: 'sb-pipeline', prefix: config.topicPrefix })) : undefined;
  pipelines = await startPipelines({
    bus,
    topics: topicNames(config.topicPrefix),
    logger,
    processors: config.processors,
    deps,
    ...(control ? { control } : {}),
    concurrency: config.concurrency,
    // Under a topic prefix the groups are prefixed too: deployments sharing a cluster stay apart.
    groupIdFor: (name) => `${config.topicPrefix}sb.${name}`,
    stateStoreFor: (name) => new KafkaStateStore({
      brokers: config.kafkaBrokers, clientId: `${config.kafkaClientId}.${name}.state`,
      topic: stateTopicName(config.topicPrefix, name), partitions: config.kafkaPartitions, logger,
    }),
    onFatal: (name, err) => {
      logger.error('consumer gave up, exiting to be restarted', { processor: name, error: err.message });
      process.exit(1);
    },
  });
  ready = true;
}

main().catch((err: unknown) => { fail('failed to start: ', err); });
