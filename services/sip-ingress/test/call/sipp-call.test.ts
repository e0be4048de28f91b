// A whole call driven by sipp, a real SIP peer, over UDP and over TCP: INVITE → 100/180/200 →
// ACK, the caller's RTP (rtp_stream) reaching the gateway as ordered 20 ms frames, RFC 2833 DTMF
// from sipp's pcaps arriving as digits, the bot's greeting coming back as paced RTP, and the
// caller's BYE ending the call with nothing left open.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { audioFile, dtmfActions, openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';

const FRAMES = 50; // 1 s of caller audio
const GREETING_FRAMES = 25;

for (const transport of ['udp', 'tcp'] as const) {
  describe(`a sipp call over ${transport}`, () => {
    it('bridges audio and DTMF to the gateway, plays the greeting back, and ends cleanly on BYE', async (t) => {
      const gateway = await startStubGateway(t, { greetingFrames: GREETING_FRAMES });
      const ingress = await startIngress(t, gateway.address);
      const counter = await openRtpCounter();
      t.after(() => counter.close());
      const audio = audioFile(FRAMES);
      const result = await runSipp({
        scenario: scenario('uac-call.xml', {
          COUNTER_PORT: String(counter.port), AUDIO_FILE: audio.path, AUDIO_MS: '1300',
          DTMF: dtmfActions('1#'), TAIL_MS: '400',
        }),
        target: `127.0.0.1:${ingress.sipPort}`, transport, calls: 1, timeoutS: 20,
      });
      assert.equal(result.code, 0, result.output);
      assert.equal(result.successful, 1, result.output);
      await idle(ingress);

      const call = gateway.calls[0];
      assert.ok(call, 'the call reached the gateway');
      assert.equal(call.start.tenantId, 'default');
      assert.equal(call.start.callerNumber, '+15551230000');
      assert.equal(call.start.calleeNumber, 'switchboard');
      assert.equal(call.start.attributes['sip.transport'], transport);
      await call.ended;
      assert.equal(call.hangupReason, 'caller hung up');

      // Every frame of the file arrived, in order and whole, with increasing sequence numbers; what
      // follows once sipp stops sending is concealment (the last frame fading out, then silence).
      const start = call.frames.findIndex((f) => f[0] === 1);
      const fromFile = call.frames.slice(start, start + FRAMES);
      assert.deepEqual(fromFile.map((f) => f[0]), Array.from({ length: FRAMES }, (_, i) => (i % 100) + 1));
      assert.ok(fromFile.every((f) => f.every((b) => b === f[0])), 'frames arrive whole');
      assert.ok(call.sequences.every((s, i) => i === 0 || s > call.sequences[i - 1]!), 'sequences increase');
      assert.deepEqual(call.digits, ['1', '#']);

      // The greeting came back as one talkspurt of paced RTP.
      const greeting = counter.packets.filter((p) => p.payloadType === 0);
      assert.equal(greeting.length, GREETING_FRAMES);
      assert.deepEqual(greeting.map((p) => p.first), Array.from({ length: GREETING_FRAMES }, (_, i) => i + 1));
      assert.equal(greeting[0]!.marker, true);
      for (let i = 1; i < greeting.length; i++) {
        assert.equal(greeting[i]!.marker, false);
        assert.equal(greeting[i]!.sequence, (greeting[i - 1]!.sequence + 1) & 0xffff);
        assert.equal(greeting[i]!.timestamp, (greeting[i - 1]!.timestamp + 160) >>> 0);
        assert.equal(greeting[i]!.ssrc, greeting[0]!.ssrc);
      }
      assert.ok(greeting.every((p) => p.length === 160));

      const health = ingress.health();
      assert.equal(health.liveCalls, 0);
      assert.equal(health.rtpPortsInUse, 0);
    });
  });
}
