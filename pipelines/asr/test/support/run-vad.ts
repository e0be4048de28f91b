// Runs a whole signal through a VAD and collects its events.
import type { VadConfig } from '../../src/vad/config';
import { VoiceActivityDetector } from '../../src/vad/detector';
import type { VadEvent } from '../../src/vad/vad';
import { framesOf } from './signals';

export function runVad(pcm: Int16Array, config: Partial<VadConfig> = {}, flush = true): { events: VadEvent[]; vad: VoiceActivityDetector } {
  const vad = new VoiceActivityDetector(config);
  const events: VadEvent[] = [];
  for (const f of framesOf(pcm)) events.push(...vad.push(f));
  if (flush) events.push(...vad.flush());
  return { events, vad };
}

/** [startFrame, endFrame) of each closed utterance. */
export function spans(events: readonly VadEvent[]): [number, number][] {
  return events.flatMap((e) => (e.type === 'speech-end' ? [[e.startFrame, e.endFrame] as [number, number]] : []));
}
