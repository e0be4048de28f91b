// The whole platform in this process: warehouse sink (with migrations), the call pipeline
// (asr, nlu, emotion, dialogue, actions) and the media gateway, with their speech engines. On
// real servers (Kafka, ClickHouse, NATS: the demo's default and the end-to-end tests) or
// embedded (in-memory bus and control plane, ClickHouse in-process through chdb).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { buildConnectors, loadActionsConfigFile } from '@switchboard/actions';
import { CallAudioSynthesizer, loadGatewayConfig, startGateway, type RunningGateway } from '@switchboard/gateway';
import { DEFAULT_PACK_DIR, loadKnowledgePack, PROCESSOR_NAMES, startPipelines, type ProcessorName, type RunningPipelines } from '@switchboard/pipeline-host';
import {
  createKafkaBus, KafkaStateStore, MemoryBus, MemoryControlPlane, MemoryStateStore, NatsControlPlane, stateTopicName, topicNames,
  type Bus, type CallControlPlane, type Logger, type StateStore, type TopicNames,
} from '@switchboard/runtime';
import { createChdbClient, createServerClient, migrate, startSink, type RunningSink } from '@switchboard/warehouse';
import type { SpeechStack } from './speech-stack';

/** The actions deployment of the demo: the built-in store and the pack's orders. */
export const DEMO_ACTIONS_CONFIG = join(__dirname, '..', '..', '..', '..', 'pipelines', 'actions', 'config', 'demo.yaml');

export interface ServerAddresses {
  readonly kafkaBrokers: readonly string[];
  readonly clickhouseUrl: string;
  readonly natsUrl: string;
}

export interface PlatformOptions {
  /** Real servers, or 'embedded' (in-memory bus and control plane, chdb). */
  readonly servers: ServerAddresses | 'embedded';
  readonly speech: SpeechStack;
  readonly logger: Logger;
  /** Topic prefix, consumer-group prefix and NATS subject prefix (tests use a fresh one). */
  readonly topicPrefix?: string;
  readonly database?: string;
  readonly partitions?: number;
  /** Default: all. The fault test runs the dialogue in a process of its own. */
  readonly processors?: readonly ProcessorName[];
  /** Extra gateway settings (GATEWAY_* variables). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  readonly packDir?: string;
  /** Run the warehouse sink (default true; the pipeline benchmark measures the reply path alone). */
  readonly warehouse?: boolean;
  /** The ASR's early recognition at a pause (ms of silence; 0 = off; default the ASR's, 300). */
  readonly asrEarlyRecognitionMs?: number;
  /** The Kafka client behind the bus port on real servers (default kafkajs, as KAFKA_CLIENT). */
  readonly kafkaClient?: 'kafkajs' | 'platformatic';
}

export interface Platform {
  readonly embedded: boolean;
  readonly topics: TopicNames;
  readonly topicPrefix: string;
  readonly database: string;
  readonly bus: Bus;
  readonly control: CallControlPlane;
  readonly clickhouse: ClickHouseClient;
  readonly gateway: RunningGateway;
  readonly gatewayAddress: string;
  readonly pipelines: RunningPipelines;
  readonly sink: RunningSink | undefined;
  readonly speech: SpeechStack;
  /** Stops in order (calls drain, pipelines, sink) and closes every connection; speech stays with its owner. */
  stop(): Promise<void>;
}

export async function startPlatform(o: PlatformOptions): Promise<Platform> {
  const embedded = o.servers === 'embedded';
  const prefix = o.topicPrefix ?? '';
  const topics = topicNames(prefix);
  const database = o.database ?? 'switchboard';
  const partitions = o.partitions ?? 6;
  const logger = o.logger;
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((err: unknown) => { logger.warn('stop step failed', { error: err instanceof Error ? err.message : String(err) }); });
  };
  try {
    let bus: Bus;
    let control: CallControlPlane;
    let clickhouse: ClickHouseClient;
    let stateStoreFor: (name: ProcessorName) => StateStore;
    if (o.servers === 'embedded') {
      bus = new MemoryBus({ partitions });
      control = new MemoryControlPlane(logger);
      const dir = mkdtempSync(join(tmpdir(), 'sb-embedded-chdb-'));
      cleanups.push(() => { rmSync(dir, { recursive: true, force: true }); return Promise.resolve(); });
      clickhouse = await createChdbClient(dir);
      const stores = new Map<ProcessorName, MemoryStateStore>();
      stateStoreFor = (name) => stores.get(name) ?? stores.set(name, new MemoryStateStore()).get(name)!;
    } else {
      const servers = o.servers;
      bus = createKafkaBus({ kafkaBrokers: [...servers.kafkaBrokers], kafkaPartitions: partitions, kafkaClientId: 'switchboard-local', kafkaClient: o.kafkaClient ?? 'kafkajs', kafkaFastGroups: true }, logger);
      control = await NatsControlPlane.connect(servers.natsUrl, logger, { name: 'sb-pipeline', prefix });
      clickhouse = createServerClient({ url: servers.clickhouseUrl });
      stateStoreFor = (name) => new KafkaStateStore({
        brokers: servers.kafkaBrokers, clientId: `switchboard-local.${name}.state`, topic: stateTopicName(prefix, name), partitions, logger,
      });
    }
    cleanups.push(() => clickhouse.close());
    cleanups.push(() => bus.close());
    cleanups.push(() => control.close());
    await bus.ensureTopics(Object.values(topics));
    await migrate(clickhouse, { database });

    const sink = o.warehouse === false ? undefined : await startSink({
      bus, topics, client: clickhouse, database, logger, groupId: `${prefix}sb.warehouse`, batchMaxWaitMs: 200,
      bytesEncoding: embedded ? 'escaped' : 'raw',
    });
    if (sink) cleanups.push(() => sink.stop());

    const connectors = await buildConnectors(loadActionsConfigFile(DEMO_ACTIONS_CONFIG), { logger });
    cleanups.push(() => connectors.close());
    const pipelines = await startPipelines({
      bus, topics, logger, control, stateStoreFor,
      processors: o.processors ?? PROCESSOR_NAMES,
      deps: { recognizer: o.speech.recognizer, pack: loadKnowledgePack(o.packDir ?? DEFAULT_PACK_DIR), connectors: connectors.router, defaultLanguage: 'en',
        ...(o.asrEarlyRecognitionMs === undefined ? {} : { earlyRecognitionMs: o.asrEarlyRecognitionMs }) },
      groupIdFor: (name) => `${prefix}sb.${name}`,
    });
    cleanups.push(() => pipelines.stop());

    const gatewayConfig = loadGatewayConfig({
      KAFKA_BROKERS: o.servers === 'embedded' ? '127.0.0.1:1' : o.servers.kafkaBrokers.join(','),
      KAFKA_PARTITIONS: String(partitions),
      KAFKA_TOPIC_PREFIX: prefix,
      NATS_URL: o.servers === 'embedded' ? 'nats://127.0.0.1:1' : o.servers.natsUrl,
      GATEWAY_GRPC_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_BIND_HOST: '127.0.0.1', GATEWAY_DRAIN_TIMEOUT_MS: '5000', LOG_LEVEL: 'warn',
      ...o.gatewayEnv,
    });
    const gateway = await startGateway(gatewayConfig, {
      logger,
      synthesizer: new CallAudioSynthesizer(o.speech.synthesizer),
      ...(embedded ? { bus, control } : {}),
    });
    cleanups.push(() => gateway.stop());
    return {
      embedded, topics, topicPrefix: prefix, database, bus, control, clickhouse, gateway, gatewayAddress: `127.0.0.1:${gateway.grpcPort}`,
      pipelines, sink, speech: o.speech, stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
