// One call told as it happened: what the caller and the bot said on the line (the simulated
// phone's own record) merged with what the platform stored (ClickHouse), on one clock, with the
// time each step took after the caller stopped talking.
import type { PlayedCall } from '@switchboard/caller';
import type { TimelineEntry } from '@switchboard/warehouse';

/** performance.now() of this process → epoch ms (the warehouse's clock on the same machine). */
export const epochOf = (perfMs: number): number => performance.timeOrigin + perfMs;

export interface TurnLatency {
  readonly turn: number;
  /** From the end of the caller's speech (ms), when each happened; undefined if it did not. */
  readonly transcriptMs: number | undefined;
  readonly intentMs: number | undefined;
  readonly actionMs: number | undefined;
  readonly replyAudioMs: number | undefined;
}

export function turnLatencies(call: PlayedCall, entries: readonly TimelineEntry[]): TurnLatency[] {
  return call.utterances.map((u) => {
    const end = epochOf(u.endAtMs);
    const after = (kind: TimelineEntry['kind'], from: number): TimelineEntry | undefined => entries.find((e) => e.kind === kind && e.at_ms >= from);
    const transcript = after('transcript', epochOf(u.startAtMs));
    const intent = transcript && after('intent', transcript.at_ms);
    const action = intent && entries.find((e) => e.kind === 'action' && e.at_ms >= intent.at_ms && (e.what === 'say' || e.what === 'ask' || e.what === 'transfer_to_human' || e.what === 'hang_up'));
    const since = (at: number | undefined): number | undefined => (at === undefined ? undefined : Math.round(at - end));
    return {
      turn: u.turn,
      transcriptMs: since(transcript?.at_ms),
      intentMs: since(intent?.at_ms),
      actionMs: since(action?.at_ms),
      replyAudioMs: since(u.replyAtMs === undefined ? undefined : epochOf(u.replyAtMs)),
    };
  });
}

const clip = (text: string, max = 70): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const secs = (ms: number): string => `+${(ms / 1000).toFixed(1)}s`.padStart(7);

/** The lines of a call's timeline. */
export function renderTimeline(call: PlayedCall, entries: readonly TimelineEntry[]): string[] {
  const t0 = epochOf(call.dialledAtMs);
  const rows: Array<{ at: number; text: string }> = [];
  let spoken = 0;
  for (const e of call.line.events) {
    const at = epochOf(e.atMs);
    if (e.kind === 'caller-speech') {
      // The line records each utterance as the caller starts it, in turn order.
      const u = call.utterances[spoken++];
      rows.push({ at, text: `caller   says "${clip(u?.text ?? '…')}" (${(e.durationMs / 1000).toFixed(1)} s${u?.overBot === true ? ', over the bot' : ''})` });
    } else if (e.kind === 'dtmf') rows.push({ at, text: `caller   presses ${e.digits.replace(/./g, '•')}` });
    else if (e.kind === 'bot-audio') rows.push({ at, text: `line     bot audio starts (${(e.durationMs / 1000).toFixed(1)} s)` });
    else if (e.kind === 'bot-stopped') rows.push({ at, text: 'line     bot audio stopped: the caller barged in' });
    else if (e.kind === 'transfer') rows.push({ at, text: `line     transferred to ${e.queue}` });
    else rows.push({ at, text: `line     bot hung up (${e.reason})` });
  }
  for (const e of entries) {
    if (e.kind === 'call') rows.push({ at: e.at_ms, text: `gateway  call ${e.what}${e.what === 'ended' ? ` (${e.text}, ${(e.value / 1000).toFixed(1)} s)` : ''}` });
    else if (e.kind === 'transcript') rows.push({ at: e.at_ms, text: `${e.source === 'text-path' ? 'text' : 'asr'}      "${clip(e.text)}"${e.source === 'text-path' ? ' (text path)' : ` conf ${e.value.toFixed(2)}`}` });
    else if (e.kind === 'intent') rows.push({ at: e.at_ms, text: `nlu      ${e.what} ${e.value.toFixed(2)}${e.text === '' ? '' : `  [${e.text}]`}` });
    else if (e.kind === 'emotion') rows.push({ at: e.at_ms, text: `emotion  ${e.what} (valence ${e.value.toFixed(2)})` });
    else if (e.kind === 'action') rows.push({ at: e.at_ms, text: `dialogue ${e.what.replace(/_/g, ' ')}${e.text === '' ? '' : ` "${clip(e.text)}"`}` });
    else rows.push({ at: e.at_ms, text: `actions  ${e.what} ${e.start_ms === 1 ? 'done' : `failed (${e.text})`} in ${e.value} ms` });
  }
  rows.sort((a, b) => a.at - b.at);
  return rows.map((r) => `    ${secs(r.at - t0)}  ${r.text}`);
}

export function renderLatencies(latencies: readonly TurnLatency[]): string[] {
  const ms = (v: number | undefined): string => (v === undefined ? '—' : `${v} ms`);
  return latencies.map((l) => `    turn ${l.turn}: end of speech → transcript ${ms(l.transcriptMs)}, intent ${ms(l.intentMs)}, action ${ms(l.actionMs)}, first reply audio ${ms(l.replyAudioMs)}`);
}
