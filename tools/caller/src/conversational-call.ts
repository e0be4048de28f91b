// A scenario call played like a person would: wait for the greeting, say the first thing, wait
// for the bot to finish answering, say the next, … then hang up (or be transferred). Turns marked
// over_bot are spoken into the bot's reply (a barge-in). Each utterance's timing is kept: when
// the caller stopped talking and when the bot's answer began to play.
import type { MediaIngestClient, StreamStatus } from '@switchboard/gateway';
import type { SpeechSynthesizer } from '@switchboard/speech';
import { PhoneLine } from './phone-line';
import type { ScenarioCall } from './scenario';
import { speak } from './voice';

/** An utterance as words, for a platform that cannot hear the call's language (the text path). */
export interface SpokenUtterance {
  readonly conversationId: string;
  readonly tenantId: string;
  readonly utteranceId: string;
  readonly text: string;
  readonly language: string;
  /** Call time (ms from the call's first frame). */
  readonly startMs: number;
  readonly endMs: number;
  /** The 8 kHz audio that was spoken. */
  readonly audio: Int16Array;
}

export interface UtteranceTiming {
  readonly turn: number;
  readonly text: string;
  readonly overBot: boolean;
  /** performance.now() when the caller started and stopped talking. */
  readonly startAtMs: number;
  readonly endAtMs: number;
  /** When the bot's next audio began to play, if it answered. */
  readonly replyAtMs: number | undefined;
}

export interface PlayedCall {
  readonly scenario: ScenarioCall;
  readonly callId: string;
  readonly conversationId: string;
  readonly line: PhoneLine;
  readonly dialledAtMs: number;
  readonly greetingAtMs: number | undefined;
  readonly utterances: readonly UtteranceTiming[];
  readonly endedBy: 'caller' | 'transfer' | 'bot-hangup';
  readonly status: StreamStatus;
  /** performance.now() when the stream ended. */
  readonly endedAtMs: number;
}

export interface PlayCallOptions {
  readonly client: MediaIngestClient;
  readonly synthesizer: SpeechSynthesizer;
  readonly callId: string;
  /** Languages the platform's recognizer does not understand: their utterances also go here. */
  readonly textPath?: { readonly languages: ReadonlySet<string>; readonly publish: (u: SpokenUtterance) => Promise<void> };
  /** Called as the call moves on (for a progress display). */
  readonly onProgress?: (state: string) => void;
  /** Called once the line is up (a display can watch it). */
  readonly onLine?: (line: PhoneLine) => void;
  /** How long the bot may take to answer a turn. Default 20 s. */
  readonly replyTimeoutMs?: number;
}

/** Into the bot's reply before a barge-in turn starts talking. */
const BARGE_IN_AFTER_MS = 900;

export async function playScenarioCall(scenario: ScenarioCall, o: PlayCallOptions): Promise<PlayedCall> {
  const progress = o.onProgress ?? ((): void => undefined);
  const replyTimeoutMs = o.replyTimeoutMs ?? 20_000;
  // Rendered before dialling, so speech synthesis never delays a turn on the live call.
  const rendered = await Promise.all(scenario.turns.map((t) => (t.kind === 'say' ? speak(o.synthesizer, t.text, scenario.language, scenario.voice) : Promise.resolve(new Int16Array(0)))));
  progress('dialling');
  const dialledAtMs = performance.now();
  const line = await PhoneLine.dial(o.client, { callId: o.callId, tenantId: scenario.tenant, language: scenario.language });
  o.onLine?.(line);
  progress('greeting');
  await line.botTurn(dialledAtMs, 700, replyTimeoutMs);
  const greeting = line.events.find((e) => e.kind === 'bot-audio');
  const utterances: UtteranceTiming[] = [];
  for (const [i, turn] of scenario.turns.entries()) {
    if (line.endedByBot !== undefined) break;
    progress(`turn ${i + 1}/${scenario.turns.length}`);
    if (turn.kind === 'dtmf') {
      const at = performance.now();
      line.pressKeys(turn.digits);
      await line.botTurn(at, 700, replyTimeoutMs);
      continue;
    }
    if (turn.overBot && line.botTalking()) await new Promise((r) => setTimeout(r, BARGE_IN_AFTER_MS));
    const audio = rendered[i]!;
    const startAtMs = performance.now();
    const startMs = line.callTimeMs(startAtMs);
    await line.speak(audio);
    const endAtMs = performance.now();
    if (o.textPath?.languages.has(scenario.language) === true) {
      await o.textPath.publish({
        conversationId: line.conversationId, tenantId: scenario.tenant, utteranceId: `${line.conversationId}:text:${i + 1}`,
        text: turn.text, language: scenario.language, startMs, endMs: line.callTimeMs(endAtMs), audio,
      });
    }
    // Before a barge-in turn the caller waits only for the answer to begin, to talk into it.
    const next = scenario.turns[i + 1];
    const interrupting = next?.kind === 'say' && next.overBot;
    let replyAtMs: number | undefined;
    try {
      if (interrupting) await line.replyStarted(endAtMs, replyTimeoutMs);
      else await line.botTurn(endAtMs, 700, replyTimeoutMs);
      replyAtMs = line.events.find((e) => e.kind === 'bot-audio' && e.atMs > endAtMs)?.atMs;
    } catch {
      replyAtMs = undefined; // no answer: the report shows it, the call goes on
    }
    utterances.push({ turn: i + 1, text: turn.text, overBot: turn.overBot, startAtMs, endAtMs, replyAtMs });
  }
  progress('hanging up');
  const endedBy = line.endedByBot === 'transfer' ? 'transfer' : line.endedByBot === 'hangup' ? 'bot-hangup' : 'caller';
  const status = endedBy === 'caller' ? await line.hangUp() : await line.ended();
  progress('done');
  return { scenario, callId: o.callId, conversationId: line.conversationId, line, dialledAtMs, greetingAtMs: greeting?.atMs, utterances, endedBy, status, endedAtMs: performance.now() };
}
