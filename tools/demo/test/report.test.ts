import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byTable, storedExactlyOnce } from '../src/report';

const zero = { call_events: 0, audio_chunks: 0, dtmf_events: 0, transcripts: 0, intents: 0, emotions: 0, actions: 0, action_results: 0, dead_letters: 0 };

test('bus counts go by the table each kind is stored in', () => {
  assert.deepEqual(byTable({ callStarted: 1, callAnswered: 1, callEnded: 1, audio: 40, transcript: 2, action: 3 }),
    { call_events: 3, audio_chunks: 40, transcripts: 2, actions: 3 });
});

test('exactly once: every table equal, nothing missing, nothing extra', () => {
  const published = { call_events: 3, audio_chunks: 40, actions: 3 };
  assert.equal(storedExactlyOnce({ published, stored: { ...zero, call_events: 3, audio_chunks: 40, actions: 3 } }), true);
  assert.equal(storedExactlyOnce({ published, stored: { ...zero, call_events: 3, audio_chunks: 39, actions: 3 } }), false, 'one missing');
  assert.equal(storedExactlyOnce({ published, stored: { ...zero, call_events: 3, audio_chunks: 40, actions: 3, intents: 1 } }), false, 'one extra');
  assert.equal(storedExactlyOnce({ published, stored: undefined }), false);
  assert.equal(storedExactlyOnce({ published: {}, stored: zero }), false, 'a call with no events is no proof');
});
