// The reference for the overhead: the same hops with processors that do nothing. A transcript
// goes through three pass-through processors on the same bus (transcript → intent → action →
// NATS to the call), as turn 1 travels transcript → NLU → dialogue → control plane, so the
// ratio shows what NLU, dialogue and the gateway's playback add to the runtime's own cost.
import { randomUUID } from 'node:crypto';
import { encodeEnvelope, newEnvelope, runProcessor, type Bus, type CallControlPlane, type Logger, type Processor, type TopicNames } from '@switchboard/runtime';
import { percentile } from './turn-timings';

function passThrough(name: string): Processor[] {
  const nlu: Processor = {
    name: `${name}-nlu`, inputs: ['transcripts'], handles: new Set(['transcript']), initialState: () => undefined,
    handle: (e, ctx) => { ctx.emit('intent', { utteranceId: e.transcript!.utteranceId, name: 'x', confidence: 1, outOfScope: false, language: 'en', slots: [], alternatives: [] }); },
  };
  const dialogue: Processor = {
    name: `${name}-dialogue`, inputs: ['intents'], handles: new Set(['intent']), initialState: () => undefined,
    handle: (e, ctx) => { ctx.emit('action', { actionId: e.intent!.utteranceId, say: { text: 'ok', language: 'en', bargeInAllowed: true, promptId: '' } }); },
  };
  return [nlu, dialogue];
}

/** p50 of transcript published → action received on the call's control subject, at `calls` utterances in flight. */
export async function busFloorMs(bus: Bus, topics: TopicNames, control: CallControlPlane, logger: Logger, calls: number): Promise<{ p50: number; p99: number }> {
  const name = `floor-${randomUUID().slice(0, 8)}`;
  const [nlu, dialogue] = passThrough(name);
  const running = [
    await runProcessor(nlu!, { bus, topics, logger, groupId: `${name}.nlu` }),
    await runProcessor(dialogue!, { bus, topics, logger, groupId: `${name}.dialogue`, callControl: control }),
  ];
  const producer = await bus.createProducer();
  try {
    const samples: number[] = [];
    const ids = Array.from({ length: calls }, () => randomUUID());
    await Promise.all(ids.map(async (conversationId, i) => {
      // Spread like the calls' turns are: not all in the same millisecond.
      await new Promise((r) => setTimeout(r, (i * 10_000) / calls));
      const got = new Promise<number>((resolve) => {
        const sub = control.subscribeToCall(conversationId, () => { sub.unsubscribe(); resolve(Date.now()); });
      });
      await control.flush();
      const env = newEnvelope({ tenantId: 'bench', conversationId, source: 'bench' }, 'transcript', {
        utteranceId: `${conversationId}:1`, isFinal: true, text: 'x', language: 'en', confidence: 1, startMs: 0, endMs: 1, words: [], prosody: undefined,
      });
      await producer.send([{ topic: topics.transcripts, key: conversationId, value: encodeEnvelope(env) }]);
      samples.push((await got) - env.occurredAtMs);
    }));
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  } finally {
    await producer.close();
    for (const r of running) await r.stop();
  }
}
