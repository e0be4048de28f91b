// CallPlayback with a hand-driven clock: pacing, queueing, barge-in and backchannels, control
// messages after the audio ahead of them, and silence after close.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, type MediaServerMessage } from '@switchboard/contracts';
import { mediaFormatOf } from '../../src/call/media-format';
import { CallPlayback, type BargeInJudge, type PlaybackClock, type PlaybackEvent } from '../../src/playback/call-playback';

class ManualClock implements PlaybackClock {
  nowMs = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now(): number { return this.nowMs; }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.nowMs + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  /** Moves time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = due.at;
      due.fn();
    }
    this.nowMs = end;
  }
}

/** Says what it is told to, and remembers whether the bot was speaking at each frame. */
class ScriptedJudge implements BargeInJudge {
  next: 'barge-in' | 'backchannel' | undefined;
  readonly seen: boolean[] = [];
  push(_frame: Buffer, botSpeaking: boolean): 'barge-in' | 'backchannel' | undefined {
    this.seen.push(botSpeaking);
    const v = this.next;
    this.next = undefined;
    return v;
  }
}

const FORMAT = mediaFormatOf(Codec.CODEC_PCMU, 8000);
const FRAME = Buffer.alloc(160, 0xff);
const audioOf = (ms: number): Buffer => Buffer.alloc((ms / 20) * 160, 0x55);

function setup() {
  const clock = new ManualClock();
  const judge = new ScriptedJudge();
  const sent: MediaServerMessage[] = [];
  const events: PlaybackEvent[] = [];
  const playback = new CallPlayback({ format: FORMAT, send: (m) => sent.push(m), judge, clock, onEvent: (e) => events.push(e) });
  const plays = (actionId?: string) => sent.filter((m) => m.play && (actionId === undefined || m.play.actionId === actionId)).map((m) => m.play!);
  return { clock, judge, sent, events, playback, plays };
}

test('audio goes out in 100 ms chunks at real-time pace, 200 ms ahead, the last one marked', () => {
  const { clock, playback, plays, events } = setup();
  playback.play('a1', audioOf(1000), true);
  assert.equal(plays().length, 3, 'the first chunk and the 200 ms lead at once');
  clock.advance(100);
  assert.equal(plays().length, 4);
  clock.advance(500);
  assert.equal(plays().length, 9);
  clock.advance(100);
  assert.equal(plays().length, 10);
  assert.deepEqual(plays().map((p) => p.chunkIndex), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(plays().map((p) => p.last), [...Array<boolean>(9).fill(false), true]);
  assert.ok(plays().every((p) => p.audio.length === 800 && p.codec === Codec.CODEC_PCMU));
  assert.equal(playback.speaking, true, 'still heard until its end');
  clock.advance(300);
  assert.equal(playback.speaking, false);
  assert.deepEqual(events.map((e) => e.type), ['started', 'finished']);
});

test('prompts play one after the other; a transfer waits for the prompt ahead of it', () => {
  const { clock, playback, sent, events } = setup();
  let transferred = false;
  playback.play('a1', audioOf(400), true);
  playback.play('a2', audioOf(200), false);
  playback.after({ transfer: { actionId: 't', queue: 'q', summary: 's', context: {} } }, () => { transferred = true; });
  assert.ok(!sent.some((m) => m.play?.actionId === 'a2'));
  clock.advance(400);
  assert.ok(sent.some((m) => m.play?.actionId === 'a2'), 'the second prompt starts when the first ended');
  assert.equal(transferred, false);
  clock.advance(200);
  assert.equal(transferred, true);
  assert.ok(sent.at(-1)?.transfer, 'the transfer comes last');
  assert.deepEqual(events.map((e) => `${e.type}:${e.actionId}`), ['started:a1', 'finished:a1', 'started:a2', 'finished:a2']);
});

test('a barge-in stops the prompt (StopPlayback), drops queued prompts, keeps a queued hang-up', () => {
  const { clock, judge, playback, sent, events, plays } = setup();
  playback.play('a1', audioOf(2000), true);
  playback.play('a2', audioOf(1000), true);
  playback.after({ hangup: { actionId: 'h', reason: 'done' } });
  clock.advance(500);
  playback.onCallerFrame(FRAME);
  assert.equal(judge.seen.at(-1), true, 'judged as speech over the bot');
  judge.next = 'barge-in';
  playback.onCallerFrame(FRAME);
  const stop = sent.findIndex((m) => m.stopPlayback);
  assert.equal(sent[stop]?.stopPlayback?.actionId, 'a1');
  assert.ok(sent[stop + 1]?.hangup, 'the hang-up still goes, right after');
  assert.deepEqual(plays('a2'), [], 'the queued prompt is dropped');
  const before = sent.length;
  clock.advance(3000);
  assert.equal(sent.length, before, 'nothing more of a1 is sent');
  assert.deepEqual(events.map((e) => e.type), ['started', 'barged-in']);
  assert.equal((events[1] as { playedMs: number }).playedMs, 500);
});

test('a backchannel is reported and the prompt goes on; a prompt without barge-in is never judged as interruptible', () => {
  const { clock, judge, playback, events, plays } = setup();
  playback.play('a1', audioOf(600), true);
  judge.next = 'backchannel';
  playback.onCallerFrame(FRAME);
  clock.advance(600);
  assert.equal(plays('a1').length, 6);
  assert.deepEqual(events.map((e) => e.type), ['started', 'backchannel', 'finished']);

  playback.play('a2', audioOf(600), false);
  playback.onCallerFrame(FRAME);
  assert.equal(judge.seen.at(-1), false, 'a prompt that forbids barge-in is not interruptible');
});

test('between prompts only every fifth frame is judged; after close nothing is sent', () => {
  const { playback, judge, sent } = setup();
  for (let i = 0; i < 10; i++) playback.onCallerFrame(FRAME);
  assert.equal(judge.seen.length, 2);
  playback.close();
  playback.play('a1', audioOf(200), true);
  playback.after({ hangup: { actionId: 'h', reason: 'x' } });
  assert.deepEqual(sent, []);
});

/** A rest the test resolves by hand. */
function later(): { promise: Promise<Buffer>; resolve: (b: Buffer) => void } {
  let resolve: (b: Buffer) => void = () => undefined;
  const promise = new Promise<Buffer>((r) => { resolve = r; });
  return { promise, resolve };
}

const settle = (): Promise<void> => new Promise((r) => { setImmediate(r); });

test('a prompt whose rest is still being made: whole chunks of the first part, then the rest continues it, `last` only at the real end', async () => {
  const { clock, playback, plays, events } = setup();
  const rest = later();
  playback.play('a1', audioOf(460), true, rest.promise); // 4 whole chunks and 60 ms
  clock.advance(1000);
  assert.deepEqual(plays().map((p) => [p.chunkIndex, p.last, p.audio.length]), [[0, false, 800], [1, false, 800], [2, false, 800], [3, false, 800]],
    'the short tail waits for the rest, nothing is marked last');
  assert.deepEqual(events.map((e) => e.type), ['started'], 'not finished while the rest is coming');
  rest.resolve(audioOf(540));
  await settle();
  clock.advance(2000);
  const all = plays();
  assert.deepEqual(all.map((p) => p.chunkIndex), [...Array(10).keys()], 'one prompt, indexes going on');
  assert.deepEqual(all.map((p) => p.last), [...Array<boolean>(9).fill(false), true]);
  assert.equal(Buffer.concat(all.map((p) => p.audio)).length, audioOf(1000).length, 'first part and rest, every byte once');
  assert.deepEqual(events.map((e) => e.type), ['started', 'finished']);
});

test('a rest that arrives in time plays on without a gap; a late one shifts the timeline by the gap', async () => {
  const onTime = setup();
  const r1 = later();
  onTime.playback.play('a1', audioOf(1000), true, r1.promise);
  onTime.clock.advance(300);
  r1.resolve(audioOf(1000));
  await settle();
  onTime.clock.advance(1699);
  assert.equal(onTime.playback.speaking, true, 'heard until 2,000 ms');
  onTime.clock.advance(2);
  assert.equal(onTime.playback.speaking, false);

  const late = setup();
  const r2 = later();
  late.playback.play('a2', audioOf(400), true, r2.promise);
  late.clock.advance(1000); // the 400 ms first part ran out at 400 ms: 600 ms of silence so far
  r2.resolve(audioOf(400));
  await settle();
  late.clock.advance(399);
  assert.equal(late.playback.speaking, true, 'the rest is heard from 1,000 ms to 1,400 ms');
  late.clock.advance(2);
  assert.equal(late.playback.speaking, false);
  assert.deepEqual(late.plays().map((p) => p.chunkIndex), [...Array(8).keys()]);
});

test('a barge-in while the rest is coming stops the prompt; the rest is never sent', async () => {
  const { clock, judge, playback, plays, sent } = setup();
  const rest = later();
  playback.play('a1', audioOf(600), true, rest.promise);
  clock.advance(200);
  judge.next = 'barge-in';
  playback.onCallerFrame(FRAME);
  const before = plays().length;
  rest.resolve(audioOf(600));
  await settle();
  clock.advance(2000);
  assert.equal(plays().length, before);
  assert.equal(sent.filter((m) => m.stopPlayback).length, 1);
});

test('an empty rest (its synthesis failed) ends the prompt with the first part, the last chunk marked', async () => {
  const { clock, playback, plays, events } = setup();
  const rest = later();
  playback.play('a1', audioOf(460), true, rest.promise);
  clock.advance(500);
  rest.resolve(Buffer.alloc(0));
  await settle();
  clock.advance(1000);
  assert.deepEqual(plays().map((p) => [p.chunkIndex, p.last, p.audio.length]), [[0, false, 800], [1, false, 800], [2, false, 800], [3, false, 800], [4, true, 480]]);
  assert.deepEqual(events.map((e) => e.type), ['started', 'finished']);
});
