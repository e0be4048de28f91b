// The real speech path: Whisper hears the callers, Piper answers. K English calls at once (the
// demo's), each turn timed from the end of the caller's speech to the first reply audio on the
// line; the CPU the platform and its speech worker spend per second of call gives how many calls
// one core holds in real time. Reference: Whisper alone on the same utterances.
import { readFileSync } from 'node:fs';
import { parseScenario, playScenarioCall, speak, type PlayedCall, type ScenarioCall } from '@switchboard/caller';
import { MediaIngestClient } from '@switchboard/gateway';
import type { SpeechSynthesizer, SynthesisRequest, Pcm16Audio } from '@switchboard/speech';
import type { SpeechStack } from '../src/index';
import type { EventLog } from '@switchboard/runtime';
import { percentile, turnTiming, type TurnTiming } from './turn-timings';

export const SPEECH_CALLS: readonly ScenarioCall[] = parseScenario(`
calls:
  - name: order status
    language: en
    turns: ["Hi, I would like to know where my order is.", "The order number is two zero two six zero two three one.", "No, that's all. Thank you, goodbye."]
  - name: refund
    language: en
    turns: ["Hello, I want a refund for something I bought.", "It's order two zero two six zero two three four.", "The package arrived damaged.", "Yes, please.", "No thanks, that's everything."]
  - name: delivery
    language: en
    turns: ["My package never arrived.", "Order two zero two six zero two three six.", "Yes, please open an investigation.", "No, that's all, thanks."]
`);

/** Caller speech rendered once, before the clock: the callers' TTS is not the platform's work. */
class Prerendered implements SpeechSynthesizer {
  readonly name = 'prerendered';
  readonly languages: ReadonlySet<string>;
  private readonly memo = new Map<string, Pcm16Audio>();
  constructor(private readonly inner: SpeechSynthesizer) { this.languages = inner.languages; }
  async synthesize(r: SynthesisRequest): Promise<Pcm16Audio> {
    const key = `${r.language}|${r.sampleRateHz}|${r.text}`;
    let audio = this.memo.get(key);
    if (audio === undefined) this.memo.set(key, (audio = await this.inner.synthesize(r)));
    return audio;
  }
  close(): Promise<void> { return Promise.resolve(); }
}

function cpuSecondsOf(pid: number): number {
  // utime + stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface SpeechLevel {
  readonly calls: number;
  readonly replyMs: number[];
  /** End of caller speech → the transcript (end-of-utterance silence, then recognition). */
  readonly heardMs: number[];
  /** The transcript → first reply audio (NLU, dialogue, synthesis, playback), and its split. */
  readonly answerMs: number[];
  readonly timings: TurnTiming[];
  readonly callSeconds: number;
  readonly cpuSeconds: number;
}

export async function prerender(speech: SpeechStack): Promise<SpeechSynthesizer> {
  const voice = new Prerendered(speech.callerVoice);
  for (const c of SPEECH_CALLS) for (const t of c.turns) if (t.kind === 'say') await speak(voice, t.text, 'en', c.voice);
  return voice;
}

/** `otherPids`: the platform's other processes (the pipeline host); the speech worker is added. */
export async function speechLevel(address: string, otherPids: readonly number[], events: EventLog, speech: SpeechStack, voice: SpeechSynthesizer, calls: number, runId: string): Promise<SpeechLevel> {
  const client = new MediaIngestClient(address);
  await client.waitForReady();
  const pids = speech.workerPid === undefined ? [...otherPids] : [...otherPids, speech.workerPid];
  const othersCpu = (): number => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  // This process's CPU includes the few simulated callers (prerendered audio: a small share).
  const cpu0 = process.cpuUsage();
  const worker0 = othersCpu();
  // `calls` lines at once, each playing every scenario in turn (12 turns per line), so even one
  // line gives enough turns for a median.
  const lanes = await Promise.all(Array.from({ length: calls }, async (_, lane) => {
    const out: PlayedCall[] = [];
    for (let k = 0; k < SPEECH_CALLS.length; k++) {
      const scenario = SPEECH_CALLS[(lane + k) % SPEECH_CALLS.length]!;
      out.push(await playScenarioCall(scenario, { client, synthesizer: voice, callId: `${runId}-sp${calls}-${lane}-${k}`, replyTimeoutMs: 60_000 }));
    }
    return out;
  })).finally(() => { client.close(); });
  const played = lanes.flat();
  const cpu = process.cpuUsage(cpu0);
  const workerSeconds = othersCpu() - worker0;
  const heardMs: number[] = [];
  const answerMs: number[] = [];
  const timings: TurnTiming[] = [];
  for (const p of played) {
    const record = { conversationId: p.conversationId, botAudio: p.line.events.flatMap((e) => (e.kind === 'bot-audio' ? [{ actionId: e.actionId, atEpochMs: performance.timeOrigin + e.atMs }] : [])) };
    for (const a of record.botAudio) await events.waitFor(p.conversationId, (e) => e.envelope.action?.actionId === a.actionId, 'a reply in the log');
    const transcripts = events.events(p.conversationId).filter((e) => e.kind === 'transcript');
    for (const u of p.utterances) {
      // The transcript that closed the turn: the first after the end of speech (a pause inside
      // an utterance may have cut an earlier part off already).
      const endEpochMs = performance.timeOrigin + u.endAtMs;
      const n = transcripts.findIndex((e) => e.envelope.occurredAtMs >= endEpochMs);
      const t = n < 0 ? undefined : turnTiming(events, record, n);
      if (t === undefined || u.replyAtMs === undefined) continue;
      timings.push(t);
      heardMs.push(transcripts[n]!.envelope.occurredAtMs - endEpochMs);
      answerMs.push(t.totalMs);
    }
  }
  return {
    calls,
    replyMs: played.flatMap((p) => p.utterances.flatMap((u) => (u.replyAtMs === undefined ? [] : [u.replyAtMs - u.endAtMs]))),
    heardMs, answerMs, timings,
    callSeconds: played.reduce((s, p) => s + (p.endedAtMs - p.dialledAtMs) / 1000, 0),
    cpuSeconds: (cpu.user + cpu.system) / 1e6 + workerSeconds,
  };
}

/** Whisper alone on the callers' utterances, the same audio: p50 of its recognition time. */
export async function whisperAloneMs(speech: SpeechStack, voice: SpeechSynthesizer): Promise<number> {
  const times: number[] = [];
  for (const c of SPEECH_CALLS) {
    for (const t of c.turns) {
      if (t.kind !== 'say') continue;
      const samples = await speak(voice, t.text, 'en', c.voice);
      const t0 = performance.now();
      await speech.recognizer.recognize({ samples, sampleRateHz: 8000 }, 'en');
      times.push(performance.now() - t0);
    }
  }
  return percentile(times, 50);
}
