// An RFC 2543 caller (RFC 4475 §3.4.1 asks that its INVITE be accepted): no branch, no From tag,
// no Max-Forwards, no Contact, no Content-Length. sipp plays it over UDP; the call is set up, the
// bot's greeting plays, and the bot's BYE goes to the From URI (the remote target without a Contact).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';

void it('an RFC 2543 INVITE without Contact or tags becomes a call, and the bot hangs up to its From URI', async (t) => {
  const gateway = await startStubGateway(t, { greetingFrames: 5, hangUp: true });
  const ingress = await startIngress(t, gateway.address);
  const counter = await openRtpCounter();
  t.after(() => counter.close());
  const result = await runSipp({ scenario: scenario('uac-2543.xml', { COUNTER_PORT: String(counter.port) }), target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15 });
  assert.equal(result.code, 0, result.output);
  await idle(ingress);
  const call = gateway.calls[0]!;
  await call.ended;
  assert.equal(gateway.calls.length, 1);
  assert.equal(ingress.calls.counters.ended, 1);
  assert.equal(ingress.health().rtpPortsInUse, 0);
});
