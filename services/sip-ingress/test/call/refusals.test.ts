// Calls the endpoint refuses, each with the answer a carrier can act on and nothing left open:
// the gateway refuses the stream (503 + Retry-After), the endpoint is draining after SIGTERM
// (503 + Retry-After while the live call goes on to its normal end), or the caller offers no
// codec we take (488 with a Warning).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { audioFile, openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';

describe('refused calls', () => {
  it('503 with Retry-After when the gateway refuses the stream', async (t) => {
    const gateway = await startStubGateway(t, { accept: 'refuse' });
    const ingress = await startIngress(t, gateway.address, { SIP_RETRY_AFTER_S: '17' });
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const result = await runSipp({
      scenario: scenario('uac-refused.xml', { COUNTER_PORT: String(counter.port), STATUS: '503', HEADER_CHECK: 'Retry-After: 17' }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    assert.equal(ingress.health().rtpPortsInUse, 0);
  });

  it('while draining, a new INVITE gets 503 + Retry-After and the live call ends normally', async (t) => {
    const gateway = await startStubGateway(t);
    const ingress = await startIngress(t, gateway.address);
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const audio = audioFile(100);
    const live = runSipp({
      scenario: scenario('uac-call.xml', { COUNTER_PORT: String(counter.port), AUDIO_FILE: audio.path, AUDIO_MS: '2500', DTMF: '', TAIL_MS: '0' }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 20,
    });
    await gateway.nextCall();
    const drained = ingress.drain(30_000);
    assert.equal(ingress.health().draining, true);
    const refused = await runSipp({
      scenario: scenario('uac-refused.xml', { COUNTER_PORT: String(counter.port), STATUS: '503', HEADER_CHECK: 'Retry-After: [0-9]+' }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    assert.equal(refused.code, 0, refused.output);
    assert.equal(ingress.calls.live, 1, 'the live call goes on');
    const first = await live;
    assert.equal(first.code, 0, first.output);
    await drained;
    assert.equal(gateway.calls.length, 1, 'the refused INVITE never reached the gateway');
    assert.equal(gateway.calls[0]!.hangupReason, 'caller hung up');
  });
});
