import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRtp, RtpView } from '../../src/rtp/rtp-packet';
import { RtpSender } from '../../src/rtp/rtp-sender';

function harness(): { sender: RtpSender; sent: RtpView[]; payloads: Buffer[] } {
  const sent: RtpView[] = [];
  const payloads: Buffer[] = [];
  const sender = new RtpSender({
    codec: 'PCMU', payloadType: 0,
    send: (packet) => {
      const v = new RtpView();
      assert.equal(readRtp(packet, v), undefined);
      sent.push(v);
      payloads.push(packet.subarray(v.payloadOffset));
    },
  });
  sender.enabled = true;
  return { sender, sent, payloads };
}

describe('RtpSender', () => {
  it('sends one 20 ms frame per tick with +1 sequence, +160 timestamp and a marker per talkspurt', () => {
    const { sender, sent, payloads } = harness();
    sender.enqueue('a1', Buffer.alloc(400, 7)); // 2.5 frames → 3, last padded with silence
    for (let i = 0; i < 5; i++) sender.tick();
    sender.enqueue('a2', Buffer.alloc(160, 9));
    sender.tick();
    assert.equal(sent.length, 4);
    assert.deepEqual(sent.map((v) => v.marker), [true, false, false, true]);
    for (let i = 1; i < 3; i++) {
      assert.equal(sent[i]!.sequence, (sent[i - 1]!.sequence + 1) & 0xffff);
      assert.equal(sent[i]!.timestamp, (sent[i - 1]!.timestamp + 160) >>> 0);
    }
    assert.equal(sent[3]!.sequence, (sent[2]!.sequence + 1) & 0xffff, 'no sequence gap across silence');
    assert.equal(sent[3]!.timestamp, (sent[2]!.timestamp + 3 * 160) >>> 0, 'the timestamp kept running through silence');
    assert.ok(sent.every((v) => v.ssrc === sender.ssrc && v.payloadType === 0 && v.payloadLength === 160));
    assert.equal(payloads[2]![79], 7);
    assert.equal(payloads[2]![80], 0xff);
  });

  it('drops the stopped action at once and sends nothing while disabled', () => {
    const { sender, sent } = harness();
    sender.enqueue('greeting', Buffer.alloc(1600, 1));
    sender.enqueue('next', Buffer.alloc(320, 2));
    sender.tick();
    sender.stop('greeting');
    assert.equal(sender.counters.framesStopped, 9);
    assert.equal(sender.queuedFrames, 2);
    sender.enabled = false;
    sender.tick();
    assert.equal(sent.length, 1);
    sender.enabled = true;
    sender.tick();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.marker, true);
  });
});
