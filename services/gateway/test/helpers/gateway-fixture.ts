// An in-process gateway against the harness's real Kafka and NATS, with its own topic prefix,
// stopped when the test ends.
import type { TestContext } from 'node:test';
import { topicNames, type TopicNames } from '@switchboard/runtime';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { ToneSynthesizer } from './tone-synthesizer';
import { loadGatewayConfig, MediaIngestClient, startGateway, type GatewayConfig, type RunningGateway } from '../../src/index';

export interface GatewayFixture {
  readonly gateway: RunningGateway;
  readonly config: GatewayConfig;
  readonly client: MediaIngestClient;
  readonly topics: TopicNames;
  readonly brokers: readonly string[];
  readonly natsUrl: string;
  /** GET on the gateway's HTTP port. */
  http(path: string): Promise<{ status: number; body: string }>;
}

export async function startTestGateway(t: TestContext, env: Readonly<Record<string, string>> = {}): Promise<GatewayFixture> {
  const brokers = requireEnv('KAFKA_BROKERS');
  const natsUrl = requireEnv('NATS_URL');
  const config = loadGatewayConfig({
    KAFKA_BROKERS: brokers,
    NATS_URL: natsUrl,
    KAFKA_TOPIC_PREFIX: `${uniqueName('gw')}.`,
    GATEWAY_GRPC_PORT: '0',
    GATEWAY_HTTP_PORT: '0',
    GATEWAY_BIND_HOST: '127.0.0.1',
    GATEWAY_DRAIN_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const gateway = await startGateway(config, { synthesizer: new ToneSynthesizer() });
  t.after(() => gateway.stop());
  const client = new MediaIngestClient(`127.0.0.1:${gateway.grpcPort}`);
  t.after(() => { client.close(); });
  return {
    gateway, config, client, natsUrl,
    topics: topicNames(config.topicPrefix),
    brokers: config.kafkaBrokers,
    http: async (path) => {
      const res = await fetch(`http://127.0.0.1:${gateway.httpPort}${path}`);
      return { status: res.status, body: await res.text() };
    },
  };
}
