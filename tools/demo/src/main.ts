// The main command: the spine on local servers with simulated calls. Starts (or reuses) Kafka,
// ClickHouse and NATS, runs the warehouse sink and the gateway in this process, plays calls
// through the gateway's gRPC media stream, and prints per call what was published and stored.
import { randomUUID } from 'node:crypto';
import { Codec } from '@switchboard/contracts';
import { loadGatewayConfig, MediaIngestClient, startGateway } from '@switchboard/gateway';
import { createKafkaBus, createLogger, errorMessage, topicNames } from '@switchboard/runtime';
import { startInfra } from '@switchboard/testkit';
import { conversationFacts, countEvents, createServerClient, loadWarehouseConfig, migrate, startSink } from '@switchboard/warehouse';
import { parseArgs, USAGE } from './args';
import { playCall, type CallPlan, type CallProgress } from './caller';
import { ProgressDisplay } from './progress';
import { PublishedEvents } from './published-events';
import { allStored, renderReport, type CallReport } from './report';

const say = (line: string): void => { process.stdout.write(line + '\n'); };

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    say(USAGE);
    return 0;
  }
  const t0 = performance.now();
  say('Switchboard: starting the event spine on local servers');
  const infra = await startInfra({ log: (l) => { say(`  ${l}`); } });
  const cleanups: Array<() => Promise<void>> = [() => infra.stop()];
  const cleanup = async (): Promise<void> => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  process.once('SIGINT', () => { void cleanup().then(() => process.exit(130)); });
  try {
    const env = { ...process.env, ...infra.env };
    const logger = createLogger('demo', 'warn');
    const wh = loadWarehouseConfig({ KAFKA_FAST_GROUPS: 'true', ...env, CLICKHOUSE_DATABASE: env.CLICKHOUSE_DATABASE ?? 'switchboard' });
    const clickhouse = createServerClient({ url: wh.clickhouseUrl, user: wh.clickhouseUser, password: wh.clickhousePassword });
    cleanups.push(() => clickhouse.close());
    const migrated = await migrate(clickhouse, { database: wh.clickhouseDatabase });
    say(`  ClickHouse database ${wh.clickhouseDatabase}: ${migrated.applied.length} migrations applied, ${migrated.alreadyApplied.length} already there`);

    const topics = topicNames(wh.topicPrefix);
    const bus = createKafkaBus(wh, logger);
    cleanups.push(() => bus.close());
    const sink = await startSink({ bus, topics, client: clickhouse, database: wh.clickhouseDatabase, logger, batchMaxRows: wh.batchMaxRows, batchMaxWaitMs: wh.batchMaxWaitMs });
    cleanups.push(() => sink.stop());
    const published = new PublishedEvents();
    await published.start(bus, topics, `sb.demo.${randomUUID()}`);
    cleanups.push(() => published.stop());

    const gatewayConfig = loadGatewayConfig({ GATEWAY_GRPC_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
    const gateway = await startGateway(gatewayConfig, { logger });
    cleanups.push(() => gateway.stop());
    say(`  gateway: gRPC 127.0.0.1:${gateway.grpcPort}, health and metrics http://127.0.0.1:${gateway.httpPort}/metrics`);
    say(`  ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

    const client = new MediaIngestClient(`127.0.0.1:${gateway.grpcPort}`);
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    await client.waitForReady();
    const plans: CallPlan[] = Array.from({ length: args.calls }, (_, i) => ({
      index: i,
      callId: `call-${i + 1}`,
      codec: i % 2 === 0 ? Codec.CODEC_PCMU : Codec.CODEC_PCMA,
      frames: args.seconds * 50,
      digits: ['1234#', '0#', '9*8', '42#', '5', '777#'][i % 6]!,
    }));
    const progress: CallProgress[] = plans.map(() => ({ framesSent: 0, digitsSent: 0, state: 'dialling' }));
    say(`Playing ${args.calls} simultaneous calls, ${args.seconds} s of G.711 audio each, at real-time pace:`);
    const display = new ProgressDisplay(plans, progress);
    display.start();
    // Calls arrive a little apart, as they would from a carrier.
    await Promise.all(plans.map(async (plan, i) => {
      await new Promise((r) => setTimeout(r, i * 150));
      await playCall(client, plan, progress[i]!);
    }));
    display.stop();

    const ids = progress.map((p) => p.conversationId).filter((id): id is string => id !== undefined);
    say('\nWaiting for every event to be queryable in ClickHouse…');
    const deadline = Date.now() + 60_000;
    let reports: CallReport[] = [];
    for (;;) {
      const facts = await conversationFacts(clickhouse, wh.clickhouseDatabase, ids);
      reports = [];
      for (const [i, plan] of plans.entries()) {
        const p = progress[i]!;
        const id = p.conversationId;
        reports.push({
          plan,
          progress: p,
          published: id ? published.byConversation.get(id) ?? {} : {},
          stored: id ? await countEvents(clickhouse, wh.clickhouseDatabase, [id]) : undefined,
          facts: facts.find((f) => f.conversation_id === id),
        });
      }
      if (allStored(reports) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    say(renderReport(reports));
    const ok = allStored(reports);
    say(ok
      ? `\nAll ${ids.length} calls: every published event is in ClickHouse exactly once (database ${wh.clickhouseDatabase}).`
      : '\nSome events did not reach ClickHouse within 60 s: see the table above.');
    say(`Total ${((performance.now() - t0) / 1000).toFixed(1)} s. Stopping.`);
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`switchboard: ${errorMessage(err)}\n`);
  process.exitCode = 1;
});
