// Offer/answer for G.711 calls: which stream and codec are taken, what is refused with 488 and
// why, and that the answer mirrors the offer line by line (checked by parsing it back).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'sdp-transform';
import { writeAnswer } from '../../src/sdp/answer';
import { readOffer, type AudioOffer, type OfferPolicy } from '../../src/sdp/offer';

const POLICY: OfferPolicy = { codecs: ['PCMU', 'PCMA'], mediaAddressAllowed: (a) => a.startsWith('127.') };
const sdp = (...lines: string[]): string => `${['v=0', 'o=carrier 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', ...lines].join('\r\n')}\r\n`;

function offered(text: string): AudioOffer {
  const r = readOffer(text, POLICY);
  if (!r.ok) assert.fail(`refused: ${r.detail}`);
  return r.offer;
}

function refused(text: string): { status: number; detail: string } {
  const r = readOffer(text, POLICY);
  if (r.ok) assert.fail('accepted');
  return r;
}

const LOCAL = { address: '127.0.0.1', port: 20000, sessionId: 42, sessionVersion: 1 };

void test('PCMU, PCMA and telephone-event offered: PCMU taken with the offerer\'s payload types; the answer says exactly that', () => {
  const o = offered(sdp('m=audio 40000 RTP/AVP 0 8 101', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20'));
  assert.deepEqual([o.address, o.port, o.codec, o.payloadType, o.telephoneEvent, o.direction, o.ptimeMs], ['127.0.0.1', 40000, 'PCMU', 0, 101, 'sendrecv', 20]);
  assert.equal(writeAnswer(o, LOCAL), [
    'v=0', 'o=switchboard 42 1 IN IP4 127.0.0.1', 's=switchboard', 'c=IN IP4 127.0.0.1', 't=0 0',
    'm=audio 20000 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-15', 'a=ptime:20', 'a=sendrecv', '',
  ].join('\r\n'));
});

void test('the offerer\'s order decides between PCMA and PCMU; a dynamic payload type mapped to PCMU counts', () => {
  assert.equal(offered(sdp('m=audio 40000 RTP/AVP 8 0')).codec, 'PCMA');
  const dyn = offered(sdp('m=audio 40000 RTP/AVP 96', 'a=rtpmap:96 PCMU/8000'));
  assert.deepEqual([dyn.codec, dyn.payloadType, dyn.telephoneEvent], ['PCMU', 96, undefined]);
  // Static 0 remapped to something else is not PCMU.
  assert.equal(refused(sdp('m=audio 40000 RTP/AVP 0', 'a=rtpmap:0 opus/48000/2')).status, 488);
});

void test('488 with the reason: no G.711, only SRTP, media address outside the trunk, no audio; 400 for a body that is not SDP', () => {
  assert.match(refused(sdp('m=audio 40000 RTP/AVP 18', 'a=rtpmap:18 G729/8000')).detail, /PCMU or PCMA/);
  assert.match(refused(sdp('m=audio 40000 RTP/SAVP 0')).detail, /RTP\/AVP/);
  assert.match(refused(sdp('m=audio 40000 RTP/AVP 0').replace('c=IN IP4 127.0.0.1', 'c=IN IP4 192.0.2.1')).detail, /media networks/);
  assert.match(refused(sdp('m=video 3227 RTP/AVP 31')).detail, /no audio/);
  assert.equal(refused('hello').status, 400);
});

void test('other streams are answered with port 0 in their place; the audio stream keeps its position', () => {
  const o = offered(sdp('m=video 3227 RTP/AVP 31 34', 'm=audio 40000 RTP/AVP 0', 'm=audio 0 RTP/AVP 8'));
  assert.equal(o.mediaIndex, 1);
  const answer = parse(writeAnswer(o, LOCAL));
  assert.deepEqual(answer.media.map((m) => [m.type, m.port, String(m.payloads)]), [['video', 0, '31'], ['audio', 20000, '0'], ['audio', 0, '8']]);
});

void test('directions are mirrored; c=0.0.0.0 is the old way to put a call on hold', () => {
  const answerDir = (text: string): string | undefined => parse(writeAnswer(offered(text), LOCAL)).media[0]!.direction;
  assert.equal(answerDir(sdp('m=audio 40000 RTP/AVP 0', 'a=sendonly')), 'recvonly');
  assert.equal(answerDir(sdp('m=audio 40000 RTP/AVP 0', 'a=recvonly')), 'sendonly');
  assert.equal(answerDir(sdp('m=audio 40000 RTP/AVP 0', 'a=inactive')), 'inactive');
  assert.equal(answerDir(sdp('a=sendonly', 'm=audio 40000 RTP/AVP 0')), 'recvonly');
  assert.equal(answerDir(sdp('m=audio 40000 RTP/AVP 0').replace('c=IN IP4 127.0.0.1', 'c=IN IP4 0.0.0.0')), 'recvonly');
});
