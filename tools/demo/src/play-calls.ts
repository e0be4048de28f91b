// Plays the planned calls, a few at a time (as calls arrive at a contact centre), each one's
// progress visible while it runs. A call that fails is reported, not fatal to the others.
import { playScenarioCall, type PlayedCall, type ScenarioCall, type SpokenUtterance } from '@switchboard/caller';
import type { MediaIngestClient } from '@switchboard/gateway';
import type { SpeechSynthesizer } from '@switchboard/speech';
import { ProgressDisplay, type CallProgress } from './progress';

export interface PlayCallsOptions {
  readonly client: MediaIngestClient;
  readonly voice: SpeechSynthesizer;
  readonly concurrent: number;
  readonly textPath: { readonly languages: ReadonlySet<string>; readonly publish: (u: SpokenUtterance) => Promise<void> };
  readonly runId: string;
}

export interface CallAttempt {
  readonly scenario: ScenarioCall;
  readonly played: PlayedCall | undefined;
  readonly error: string | undefined;
}

export async function playCalls(calls: readonly ScenarioCall[], o: PlayCallsOptions): Promise<CallAttempt[]> {
  const progress: CallProgress[] = calls.map((c, i) => ({ label: `${i + 1}. ${c.name} (${c.language})`, state: 'waiting', startedAtMs: undefined, botTalking: () => false }));
  const display = new ProgressDisplay(progress);
  const attempts: CallAttempt[] = new Array<CallAttempt>(calls.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < calls.length; i = next++) {
      const p = progress[i]!;
      p.startedAtMs = performance.now();
      try {
        const played = await playScenarioCall(calls[i]!, {
          client: o.client, synthesizer: o.voice, callId: `${o.runId}-${i + 1}`, textPath: o.textPath,
          onProgress: (state) => { p.state = state; },
          onLine: (line) => { p.botTalking = () => line.botTalking(); },
        });
        p.state = played.endedBy === 'caller' ? 'done' : played.endedBy === 'transfer' ? 'transferred' : 'bot hung up';
        attempts[i] = { scenario: calls[i]!, played, error: undefined };
      } catch (err) {
        p.state = 'FAILED';
        attempts[i] = { scenario: calls[i]!, played: undefined, error: err instanceof Error ? err.message : String(err) };
      }
      p.botTalking = () => false;
    }
  };
  display.start();
  try {
    await Promise.all(Array.from({ length: Math.min(o.concurrent, calls.length) }, (_, w) =>
      // Calls arrive a little apart, as they would from a carrier.
      new Promise((r) => setTimeout(r, w * 1500)).then(worker)));
  } finally {
    display.stop();
  }
  return attempts;
}
