// A dialogue processor crash mid-call, on real Kafka, ClickHouse and NATS: the dialogue runs as
// its own process (as a pod would), is SIGKILLed in the middle of a refund, after it asked why,
// and a new process resumes the live call from its checkpoint (the compacted state topic). The
// caller's answer, given while no dialogue ran, only makes sense in context: "the package arrived
// damaged" is the refund's reason for the order given before the crash; a dialogue that started
// afresh would take it for a delivery problem and ask for the order number again. No event is
// lost or stored twice. The rest of the pipeline runs in this process with a scripted
// recognizer and a tone voice (the real engines are covered by pipeline.e2e.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PhoneLine, speak } from '@switchboard/caller';
import { MediaIngestClient } from '@switchboard/gateway';
import { speechStackOf, startHostProcess, type HostProcess } from '@switchboard/platform';
import { createLogger, EventLog } from '@switchboard/runtime';
import { EspeakSynthesizer, InstantRecognizer, InstantSynthesizer } from '@switchboard/speech';
import { requireEnv } from '@switchboard/testkit';
import { awaitStored, conversationFacts, EVENT_TABLES } from '@switchboard/warehouse';
import { publishedByTable, startPlatformOnServers } from '../src/conversations';

test('SIGKILL of the dialogue mid-call: the restarted one resumes the call from its checkpoint; nothing lost or doubled', { timeout: 240_000 }, async (t) => {
  const logger = createLogger('e2e-restart', 'error');
  const recognizer = new InstantRecognizer({ script: ['i want a refund', 'two zero two six zero two three four', 'the package arrived damaged', 'yes please', 'that is all goodbye'] });
  const platform = await startPlatformOnServers('restart', speechStackOf(recognizer, new InstantSynthesizer({ msPerCharacter: 10 })), logger, {
    processors: ['asr', 'nlu', 'emotion', 'actions'],
  });
  t.after(async () => {
    await platform.stop();
    await platform.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${platform.database}` }).catch(() => undefined);
  });
  const events = new EventLog();
  await events.start(platform.bus, platform.topics, `${platform.topicPrefix}reader`);
  t.after(() => events.stop());
  const env = {
    KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'), KAFKA_TOPIC_PREFIX: platform.topicPrefix, KAFKA_FAST_GROUPS: 'true',
    NATS_URL: requireEnv('NATS_URL'), PIPELINE_PROCESSORS: 'dialogue',
  };
  const hosts: HostProcess[] = [];
  t.after(() => { for (const h of hosts) h.child.kill('SIGKILL'); });
  const startDialogue = async (): Promise<HostProcess> => {
    const host = startHostProcess(env);
    hosts.push(host);
    await host.waitForLog((l) => l.msg === 'pipelines running', 'the dialogue running');
    return host;
  };
  const first = await startDialogue();

  const client = new MediaIngestClient(platform.gatewayAddress);
  t.after(() => { client.close(); });
  const voice = new EspeakSynthesizer({ voice: 'en-us', languages: ['en'] });
  const turns = ['I want a refund.', 'Two zero two six zero two three four.', 'The package arrived damaged.', 'Yes, please.', 'That is all, goodbye.'];
  const audio = await Promise.all(turns.map((text) => speak(voice, text, 'en', 'calm')));
  const line = await PhoneLine.dial(client, { callId: 'restart-1', tenantId: 'demo-shop', language: 'en' });
  const id = line.conversationId;
  await line.botTurn(0, 500, 30_000); // the greeting
  const say = async (turn: number): Promise<void> => {
    const since = performance.now();
    await line.speak(audio[turn]!);
    await line.botTurn(since, 500, 60_000);
  };
  await say(0);
  await say(1);
  const why = await events.waitFor(id, (e) => e.envelope.action?.ask?.slot === 'refund_reason', 'the question why');
  // The dialogue saves a conversation's checkpoint right after its actions are acknowledged; the
  // question on the line is the last of those steps that can be observed from outside.
  first.child.kill('SIGKILL');
  assert.equal((await first.exited).signal, 'SIGKILL');

  // The caller answers while no dialogue runs: the NLU's intent waits in Kafka.
  const since = performance.now();
  await line.speak(audio[2]!);
  await events.waitFor(id, (e) => e.envelope.intent?.name === 'delivery_problem', 'the answer understood');
  const second = await startDialogue();
  const running = await second.waitForLog((l) => l.msg === 'processor running', 'the processor line');
  assert.ok(Number(running.restored) >= 1, `conversations restored from checkpoints: ${String(running.restored)}`);
  await line.botTurn(since, 700, 60_000);
  const confirm = await events.waitFor(id, (e) => /refund for order SB20260234/.test(e.envelope.action?.say?.text ?? e.envelope.action?.ask?.text ?? ''), 'the confirmation after the restart');
  assert.ok(confirm.seenAtMs > why.seenAtMs);
  await say(3);
  await events.waitFor(id, (e) => /refund request is open/.test(e.envelope.action?.say?.text ?? ''), 'the refund opened');
  await say(4);
  assert.equal((await line.ended()).code, 0, 'the bot said goodbye and ended the call');

  // The call went on where it was: greeted once, the order number asked once, one ticket.
  const actions = events.events(id).flatMap((e) => (e.envelope.action ? [e.envelope.action] : []));
  const says = actions.flatMap((a) => (a.say ? [a.say.text] : []));
  assert.equal(says.filter((s) => /thank you for calling\. I can check/.test(s)).length, 1, 'greeted once');
  assert.equal(actions.filter((a) => a.ask?.slot === 'order_number').length, 1, 'the order number asked once');
  assert.ok(!says.some((s) => /problem with your delivery/.test(s)), `no fresh start: ${says.join(' | ')}`);
  const tickets = actions.filter((a) => a.createTicket);
  assert.equal(tickets.length, 1);
  assert.deepEqual(tickets[0]!.createTicket!.fields, { order_number: 'SB20260234', reason: 'damaged_or_missing', channel: 'phone' });

  // ClickHouse: every event the bus carried, each once.
  await events.waitFor(id, (e) => e.envelope.callEnded !== undefined, 'the call ended on the bus');
  const stored = (await awaitStored(platform.clickhouse, platform.database, () => new Map([[id, publishedByTable(events, id)]]))).get(id)!;
  const expected = publishedByTable(events, id);
  for (const table of EVENT_TABLES) assert.equal(stored[table], expected[table] ?? 0, `${table} exactly once`);
  const [facts] = await conversationFacts(platform.clickhouse, platform.database, [id]);
  assert.equal(facts?.end_reason, 'bot_hangup');
  assert.equal(facts.action_count, actions.length);
  second.child.kill('SIGTERM');
  assert.equal((await second.exited).code, 0, 'a graceful stop drains and exits 0');
});
