// A trunk with digest authentication, driven by sipp: the first INVITE is challenged with 401,
// sipp's answer with the right password gets the call, with a wrong one 403 and no call.
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';


describe('digest authentication (sipp, MD5)', () => {
  for (const [password, final] of [['s3cret', '200'], ['guess', '403']] as const) {
    it(`${final} after the challenge with ${password === 's3cret' ? 'the right' : 'a wrong'} password`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'sip-auth-'));
      writeFileSync(join(dir, 'users'), '# trunk users\ncarrier1:s3cret\n');
      const gateway = await startStubGateway(t);
      // sipp 3.6.1 computes MD5 only.
      const ingress = await startIngress(t, gateway.address, { SIP_AUTH_REALM: 'switchboard', SIP_AUTH_USERS_FILE: join(dir, 'users'), SIP_AUTH_ALGORITHMS: 'MD5' });
      const counter = await openRtpCounter();
      t.after(() => counter.close());
      const result = await runSipp({
        scenario: scenario('uac-auth.xml', { COUNTER_PORT: String(counter.port), USER: 'carrier1', PASSWORD: password, FINAL: final, HANGUP: final === '200' ? '{{BYE:3}}' : '' }),
        target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
      });
      assert.equal(result.code, 0, result.output);
      await idle(ingress);
      assert.equal(gateway.calls.length, final === '200' ? 1 : 0, 'only the authenticated INVITE reaches the gateway');
    });
  }
});
