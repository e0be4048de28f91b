import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { isSwitchboardError } from '@switchboard/runtime';
import { mediaFormatOf } from '../../src/call/media-format';
import { validateDtmf, validateFrame, validateStart } from '../../src/call/validation';
import { startMessage } from '../helpers/calls';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return isSwitchboardError(err) ? err.code : 'not a SwitchboardError';
  }
};

void test('frame sizes: 160 B for G.711 at 8 kHz, 2 × rate / 50 for L16', () => {
  assert.equal(mediaFormatOf(Codec.CODEC_PCMU, 8000).frameBytes, 160);
  assert.equal(mediaFormatOf(Codec.CODEC_PCMA, 8000).frameBytes, 160);
  assert.equal(mediaFormatOf(Codec.CODEC_L16, 8000).frameBytes, 320);
  assert.equal(mediaFormatOf(Codec.CODEC_L16, 16000).frameBytes, 640);
  assert.equal(mediaFormatOf(Codec.CODEC_L16, 48000).frameBytes, 1920);
  assert.equal(code(() => mediaFormatOf(Codec.CODEC_PCMU, 16000)), 'INVALID_ARGUMENT');
  assert.equal(code(() => mediaFormatOf(Codec.CODEC_L16, 11025)), 'INVALID_ARGUMENT');
  assert.equal(code(() => mediaFormatOf(Codec.CODEC_UNSPECIFIED, 8000)), 'INVALID_ARGUMENT');
  assert.equal(code(() => mediaFormatOf(Codec.UNRECOGNIZED, 8000)), 'INVALID_ARGUMENT');
});

void test('start: ids, allow-list, bounded sizes', () => {
  assert.equal(validateStart(startMessage({ callId: 'sip:abc@host-1.example:5060' }), null).format.frameBytes, 160);
  assert.equal(code(() => validateStart(startMessage({ callId: 'x'.repeat(129) }), null)), 'INVALID_ARGUMENT');
  assert.equal(code(() => validateStart(startMessage({ tenantId: 'x'.repeat(65) }), null)), 'INVALID_ARGUMENT');
  assert.equal(code(() => validateStart(startMessage({ tenantId: 'acme' }), new Set(['globex']))), 'INVALID_ARGUMENT');
  assert.equal(validateStart(startMessage({ tenantId: 'globex' }), new Set(['globex'])).tenantId, 'globex');
  assert.equal(code(() => validateStart(startMessage({ callerNumber: '1'.repeat(65) }), null)), 'INVALID_ARGUMENT');
});

void test('frames: exactly one 20 ms frame, strictly increasing sequence', () => {
  const f = mediaFormatOf(Codec.CODEC_PCMU, 8000);
  assert.equal(code(() => { validateFrame({ sequence: 1, payload: Buffer.alloc(160) }, f, undefined); }), undefined);
  assert.equal(code(() => { validateFrame({ sequence: 0, payload: Buffer.alloc(160) }, f, undefined); }), undefined, 'any first sequence');
  assert.equal(code(() => { validateFrame({ sequence: 5, payload: Buffer.alloc(161) }, f, 4); }), 'INVALID_ARGUMENT');
  assert.equal(code(() => { validateFrame({ sequence: 5, payload: Buffer.alloc(159) }, f, 4); }), 'INVALID_ARGUMENT');
  assert.equal(code(() => { validateFrame({ sequence: 5, payload: Buffer.alloc(0) }, f, 4); }), 'INVALID_ARGUMENT');
  assert.equal(code(() => { validateFrame({ sequence: 4, payload: Buffer.alloc(160) }, f, 4); }), 'OUT_OF_RANGE');
  assert.equal(code(() => { validateFrame({ sequence: 3, payload: Buffer.alloc(160) }, f, 4); }), 'OUT_OF_RANGE');
  assert.equal(code(() => { validateFrame({ sequence: 9, payload: Buffer.alloc(160) }, f, 4); }), undefined, 'gaps are allowed');
});

void test('dtmf digits: 0-9 * # A-D; the message never carries the digit', () => {
  for (const d of ['0', '9', '*', '#', 'A', 'D']) assert.equal(code(() => { validateDtmf({ digit: d, durationMs: 100 }); }), undefined);
  for (const d of ['', 'E', '12', 'a']) assert.equal(code(() => { validateDtmf({ digit: d, durationMs: 100 }); }), 'INVALID_ARGUMENT');
  assert.throws(() => { validateDtmf({ digit: 'Z', durationMs: 1 }); }, (e: unknown) => e instanceof Error && !e.message.includes('Z'));
});
