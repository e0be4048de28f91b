import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRtp, RtpView, writeRtpHeader } from '../../src/rtp/rtp-packet';

describe('RTP header', () => {
  it('round-trips the fixed header', () => {
    const packet = Buffer.alloc(12 + 160, 0xff);
    writeRtpHeader(packet, { marker: true, payloadType: 8, sequence: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xca110000 });
    const v = new RtpView();
    assert.equal(readRtp(packet, v), undefined);
    assert.deepEqual({ marker: v.marker, payloadType: v.payloadType, sequence: v.sequence, timestamp: v.timestamp, ssrc: v.ssrc, payloadOffset: v.payloadOffset, payloadLength: v.payloadLength }, { marker: true, payloadType: 8, sequence: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xca110000, payloadOffset: 12, payloadLength: 160 });
  });

  it('skips CSRCs and an extension, and strips padding', () => {
    const packet = Buffer.alloc(12 + 8 + 8 + 10 + 4);
    packet[0] = 0x80 | 0x20 | 0x10 | 2; // padding, extension, 2 CSRCs
    packet.writeUInt16BE(1, 12 + 8 + 2); // extension of one word
    packet[packet.length - 1] = 4;
    const v = new RtpView();
    assert.equal(readRtp(packet, v), undefined);
    assert.equal(v.payloadOffset, 28);
    assert.equal(v.payloadLength, 10);
  });

  it('names what is wrong with a bad packet', () => {
    const v = new RtpView();
    assert.equal(readRtp(Buffer.alloc(11), v), 'short');
    assert.equal(readRtp(Buffer.from([0x40, ...Buffer.alloc(15)]), v), 'version');
    assert.equal(readRtp(Buffer.from([0x8f, ...Buffer.alloc(15)]), v), 'csrc');
    assert.equal(readRtp(Buffer.from([0x90, ...Buffer.alloc(13)]), v), 'extension');
    const padded = Buffer.alloc(14);
    padded[0] = 0xa0;
    padded[13] = 9;
    assert.equal(readRtp(padded, v), 'padding');
  });
});
