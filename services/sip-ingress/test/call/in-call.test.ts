// What happens inside an established call, driven by sipp: hold and resume by re-INVITE (the
// answer mirrors the direction and the bot's audio pauses while held), a hand-off by REFER
// (Refer-To names the queue with the conversation id; the NOTIFY of success ends our leg), and
// StopPlayback (barge-in) silencing the prompt at once.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { describe, it } from 'node:test';
import { runSipp } from '@switchboard/testkit';
import { idle, startIngress } from '../helpers/ingress';
import { openRtpCounter, scenario } from '../../src/testing/sipp-scenarios';
import { startStubGateway } from '../helpers/stub-gateway';

function reinvite(cseq: number, direction: string, counterPort: number): string {
  return `  <send retrans="500">
    <![CDATA[
      INVITE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: "Test Caller" <sip:+15551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} INVITE
      Contact: <sip:caller@[local_ip]:[local_port];transport=[transport]>
      Max-Forwards: 70
      [routes]
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=caller 53655765 ${2353687637 + cseq} IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio ${counterPort} RTP/AVP 0 101
      a=rtpmap:0 PCMU/8000
      a=rtpmap:101 telephone-event/8000
      a=${direction}
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="200">
    <action><ereg regexp="a=${direction === 'sendonly' ? 'recvonly' : 'sendrecv'}" search_in="body" check_it="true" assign_to="dir${cseq}"/></action>
  </recv>
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: "Test Caller" <sip:+15551230000@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: ${cseq} ACK
      Max-Forwards: 70
      [routes]
      Content-Length: 0

    ]]>
  </send>
  <Reference variables="dir${cseq}"/>`;
}

describe('inside a call', () => {
  it('hold and resume: recvonly answered and no bot audio while held, sendrecv and audio again after', async (t) => {
    const gateway = await startStubGateway(t, { greetingFrames: 150 }); // 3 s of prompt
    const ingress = await startIngress(t, gateway.address);
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const result = await runSipp({
      scenario: scenario('uac-hold.xml', {
        COUNTER_PORT: String(counter.port), TALK_MS: '500', HOLD_MS: '1000',
        REINVITE_HOLD: reinvite(2, 'sendonly', counter.port), REINVITE_RESUME: reinvite(3, 'sendrecv', counter.port),
      }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    const packets = counter.packets.filter((p) => p.payloadType === 0);
    assert.ok(packets.length > 20, `packets ${packets.length}`);
    const gaps = packets.slice(1).map((p, i) => p.atMs - packets[i]!.atMs);
    const longest = Math.max(...gaps);
    assert.ok(longest >= 800, `the audio paused while held (longest gap ${Math.round(longest)} ms)`);
    // The prompt resumes where it stopped, as a new talkspurt; none of it is lost.
    assert.deepEqual(packets.map((p) => p.first), Array.from({ length: packets.length }, (_, i) => (i % 200) + 1));
    assert.equal(packets.filter((p) => p.marker).length, 2);
  });

  it('REFER hand-off: Refer-To names the queue and the conversation, BYE after the NOTIFY of success', async (t) => {
    const gateway = await startStubGateway(t, { transfer: { queue: 'billing', afterMs: 300 } });
    const ingress = await startIngress(t, gateway.address, { SIP_TRANSFER_URI: 'sip:{queue}@agents.example' });
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const result = await runSipp({
      scenario: scenario('uac-refer.xml', { COUNTER_PORT: String(counter.port), QUEUE: 'billing' }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    const call = gateway.calls[0]!;
    await call.ended;
    assert.equal(call.hangupReason, 'transferred');
  });

  it('StopPlayback silences the prompt at once', async (t) => {
    const gateway = await startStubGateway(t, { greetingFrames: 200 }); // 4 s of prompt
    const ingress = await startIngress(t, gateway.address);
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const audioDone = runSipp({
      scenario: scenario('uac-hold.xml', {
        COUNTER_PORT: String(counter.port), TALK_MS: '1500', HOLD_MS: '0', REINVITE_HOLD: '', REINVITE_RESUME: '',
      }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    const call = await gateway.nextCall();
    // Barge-in as the gateway decides it, ten packets into the prompt.
    await counter.waitFor(10);
    call.send({ stopPlayback: { actionId: 'greeting' } });
    const result = await audioDone;
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    const sent = counter.packets.filter((p) => p.payloadType === 0).length;
    assert.ok(sent >= 10 && sent < 20, `${sent} of 200 prompt packets went out (the stop came after the 10th)`);
  });

  it('malformed RTP and foreign payload types are dropped and counted, and the call goes on', async (t) => {
    const gateway = await startStubGateway(t, { greetingFrames: 100 });
    const ingress = await startIngress(t, gateway.address);
    const counter = await openRtpCounter();
    t.after(() => counter.close());
    const done = runSipp({
      scenario: scenario('uac-hold.xml', { COUNTER_PORT: String(counter.port), TALK_MS: '1000', HOLD_MS: '0', REINVITE_HOLD: '', REINVITE_RESUME: '' }),
      target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 15,
    });
    await counter.waitFor(5);
    const port = ingress.calls.list()[0]!.rtpPort!;
    const socket = createSocket('udp4');
    t.after(() => { socket.close(); });
    const wrongType = Buffer.alloc(172);
    wrongType[0] = 0x80;
    wrongType[1] = 18; // G.729, not negotiated
    for (const datagram of [Buffer.from('hello'), Buffer.alloc(20, 0x40), wrongType]) {
      await new Promise<void>((resolve) => { socket.send(datagram, port, '127.0.0.1', () => { resolve(); }); });
    }
    const result = await done;
    assert.equal(result.code, 0, result.output);
    await idle(ingress);
    assert.deepEqual(Object.fromEntries(ingress.media.rtpDropped), { short: 1, version: 1, 'payload-type': 1 });
  });
});
