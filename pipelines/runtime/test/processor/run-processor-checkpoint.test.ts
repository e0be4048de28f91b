// A checkpointing processor on real Kafka and NATS: its actions reach the live call over NATS,
// and a second instance (the first one gone) resumes each conversation from the compacted state
// topic instead of starting it afresh.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Envelope } from '@switchboard/contracts';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { KafkaBus } from '../../src/bus/kafka-bus';
import { NatsControlPlane } from '../../src/control/nats-control-plane';
import { encodeEnvelope } from '../../src/envelope';
import { createLogger } from '../../src/logger';
import { testEvent } from '../../src/processor/harness';
import type { Processor } from '../../src/processor/processor';
import { runProcessor } from '../../src/processor/run-processor';
import { KafkaStateStore } from '../../src/state/kafka-state-store';
import { stateTopicName, topicNames } from '../../src/topics';
import { waitUntil } from '../wait';

const logger = createLogger('test', 'warn');

const counter: Processor<{ digits: string }> = {
  name: 'counter',
  inputs: ['calls'],
  handles: new Set(['dtmf']),
  initialState: () => ({ digits: '' }),
  handle(event, ctx) {
    ctx.state.digits += event.dtmf!.digit;
    ctx.emit('action', { actionId: `say-${ctx.state.digits}`, say: { text: ctx.state.digits, language: 'en', bargeInAllowed: true, promptId: '' } });
  },
  checkpoint: { version: 1, save: (s) => s, restore: (saved) => saved as { digits: string } },
};

test('actions go to the live call over NATS and a new instance resumes from the checkpoints', async (t) => {
  const brokers = requireEnv('KAFKA_BROKERS').split(',');
  const bus = new KafkaBus({ brokers, clientId: 'cp-test', partitions: 3, logger, fastGroups: true });
  t.after(() => bus.close());
  const prefix = uniqueName('cp') + '.';
  const topics = topicNames(prefix);
  const stateTopic = stateTopicName(prefix, counter.name);
  const store = () => new KafkaStateStore({ brokers, clientId: 'cp-test', topic: stateTopic, partitions: 3, logger });
  const nats = await NatsControlPlane.connect(requireEnv('NATS_URL'), logger, { name: 'cp-test', prefix });
  t.after(() => nats.close());

  const calls = [randomUUID(), randomUUID()];
  const live = new Map<string, string[]>(calls.map((c) => [c, []]));
  for (const c of calls) nats.subscribeToCall(c, (env: Envelope) => live.get(c)!.push(env.action?.say?.text ?? '?'));
  await nats.flush();
  const producer = await bus.createProducer();
  t.after(() => producer.close());
  const press = (digit: string) => producer.send(calls.map((c) => ({ topic: topics.calls, key: c, value: encodeEnvelope(testEvent('dtmf', { digit, durationMs: 80, sequence: 0 }, { conversationId: c })) })));

  const groupId = uniqueName('g');
  const first = await runProcessor(counter, { bus, topics, logger, groupId, stateStore: store(), callControl: nats });
  await press('1');
  await press('2');
  await waitUntil(() => calls.every((c) => live.get(c)!.length === 2), 'two actions per call over NATS', 30_000);
  await first.stop();

  const second = await runProcessor(counter, { bus, topics, logger, groupId, stateStore: store(), callControl: nats });
  t.after(() => second.stop());
  assert.equal(second.core.stats.restoredConversations, 2);
  await press('3');
  await waitUntil(() => calls.every((c) => live.get(c)!.length === 3), 'a third action per call', 30_000);
  for (const c of calls) assert.deepEqual(live.get(c), ['1', '12', '123'], 'the call did not resume from its checkpoint');
});
