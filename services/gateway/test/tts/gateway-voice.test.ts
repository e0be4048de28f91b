// The deployed gateway speaks: main.js with GATEWAY_VOICE=speech (the default) starts the speech
// worker, and a say action on the call's control subject comes down the stream as real speech
// (Piper for English, espeak-ng for Chinese), not the silent placeholder. SIGTERM closes the
// worker with the gateway.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { createLogger, NatsControlPlane, newEnvelope } from '@switchboard/runtime';
import { decodeMuLaw } from '@switchboard/speech';
import { requireEnv } from '@switchboard/testkit';
import { MediaIngestClient } from '../../src/index';
import { acceptedCall, startMessage } from '../helpers/calls';
import { startGatewayProcess } from '../helpers/gateway-process';

/** RMS of µ-law audio in 16-bit units: speech is hundreds to thousands, the placeholder 0. */
function rms(mulaw: Buffer): number {
  const pcm = decodeMuLaw(mulaw);
  let sum = 0;
  for (const v of pcm) sum += v * v;
  return Math.sqrt(sum / Math.max(1, pcm.length));
}

void test('GATEWAY_VOICE=speech: say actions reach the caller as synthesized speech, English and Chinese', { timeout: 180_000 }, async (t) => {
  // The speech worker loads its models before the gateway listens.
  const { child, prefix, grpcPort, stderr } = await startGatewayProcess(t, { GATEWAY_DRAIN_TIMEOUT_MS: '500' }, 150_000);
  const client = new MediaIngestClient(`127.0.0.1:${grpcPort}`);
  t.after(() => { client.close(); });
  const nats = await NatsControlPlane.connect(requireEnv('NATS_URL'), createLogger('test-dialogue', 'warn'), { name: 'gateway-voice-test', prefix });
  t.after(() => nats.close());

  const stream = client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (const [actionId, text, language] of [['a-en', 'Your order has shipped and will arrive tomorrow.', 'en'], ['a-zh', '您的订单已经发货了。', 'zh']] as const) {
    await nats.publishToCall(newEnvelope({ tenantId: 'acme', conversationId, source: 'dialogue' }, 'action', { actionId, say: { text, language, bargeInAllowed: true, promptId: '' } }));
  }
  const audio = new Map<string, Buffer[]>();
  for (let done = 0; done < 2;) {
    const m = await stream.next();
    assert.ok(m !== undefined, 'the stream ended before both prompts were played');
    if (m.play === undefined) continue;
    audio.set(m.play.actionId, [...(audio.get(m.play.actionId) ?? []), Buffer.from(m.play.audio)]);
    if (m.play.last) done++;
  }
  for (const id of ['a-en', 'a-zh']) {
    const all = Buffer.concat(audio.get(id) ?? []);
    const seconds = all.length / 8000;
    assert.ok(seconds > 1, `${id}: ${seconds} s of audio`);
    assert.ok(rms(all) > 300, `${id}: speech, not silence (rms ${rms(all).toFixed(0)})`);
  }
  stream.hangup();
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  assert.equal(code, 0, stderr().slice(-2000));
});
