// Every way a call can end leaves nothing open: the caller cancels while it rings, the bot hangs
// up (its BYE waits for the ACK and reaches the caller's Contact), the caller vanishes without a
// BYE (media timeout), and the gateway refuses the call (503 with Retry-After).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { audioFile, openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';

describe('call endings', () => {
  it('CANCEL while ringing: 200 to the CANCEL, 487 to the INVITE, the stream ends "cancelled"', async (t) => {
    const gateway = await startStubGateway(t, { accept: 'never' });
    const ingress = await startIngress(t, gateway.address);
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const result = await runSipp({ scenario: scenario('uac-cancel.xml', { COUNTER_PORT: String(counter.port) }), target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15 });
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    const call = gateway.calls[0]!;
    await call.ended;
    assert.equal(call.hangupReason, 'cancelled');
    assert.equal(ingress.health().rtpPortsInUse, 0);
    assert.equal(counter.packets.length, 0, 'no RTP before an answer');
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`the bot hangs up over ${transport}: BYE to the caller's Contact after the ACK`, async (t) => {
      const gateway = await startStubGateway(t, { greetingFrames: 5, hangUp: true });
      const ingress = await startIngress(t, gateway.address);
      const counter = await openRtpCounter();
      t.after(() => counter.close());
      const result = await runSipp({ scenario: scenario('uac-bot-hangup.xml', { COUNTER_PORT: String(counter.port) }), target: `127.0.0.1:${ingress.sipPort}`, transport, calls: 1, timeoutS: 15 });
      assert.equal(result.code, 0, result.output);
      await idle(ingress);
      await gateway.calls[0]!.ended;
      assert.equal(ingress.calls.counters.ended, 1);
      assert.equal(ingress.health().rtpPortsInUse, 0);
    });
  }

  it('a caller who vanishes without BYE is ended by the media timeout', async (t) => {
    const gateway = await startStubGateway(t);
    const ingress = await startIngress(t, gateway.address, { SIP_MEDIA_TIMEOUT_MS: '1000' });
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const audio = audioFile(10);
    const result = await runSipp({ scenario: scenario('uac-vanish.xml', { COUNTER_PORT: String(counter.port), AUDIO_FILE: audio.path, AUDIO_MS: '300' }), target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15 });
    assert.equal(result.code, 0, result.output);
    assert.equal(ingress.calls.live, 1, 'the call outlives the vanished caller at first');
    await idle(ingress, 8000);
    const call = gateway.calls[0]!;
    await call.ended;
    assert.equal(call.hangupReason, 'media timeout');
    assert.equal(ingress.health().rtpPortsInUse, 0);
  });
});
