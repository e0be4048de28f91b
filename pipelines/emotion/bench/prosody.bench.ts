// Cost of measureProsody per second of 8 kHz audio, the figure that matters to the ASR, which
// calls it on every utterance. Three inputs of 10 s: speech-like (voiced syllables with a gliding
// pitch, pauses, line noise), all voiced, and all noise (active but unvoiced: the pitch search
// cannot stop early, the worst case). Short: a few hundred milliseconds of CPU per case.
// The last line is JSON.
//
//   npm run build -w @switchboard/emotion && npm run bench:prosody -w @switchboard/emotion
import { performance } from 'node:perf_hooks';
import { measureProsody } from '../src/prosody/measure';
import { concat, mix, modulate, pcm, silence, voice, whiteNoise } from '../test/prosody/signals';

const SECONDS = 10;
const RUNS = 30;

function speechLike(): Float64Array {
  const parts: Float64Array[] = [];
  for (let i = 0; i < 5; i++) {
    parts.push(modulate(voice({ f0StartHz: 130 + 10 * i, f0EndHz: 180 - 5 * i, seconds: 1.6 }), 4 + (i % 3)), silence(0.4));
  }
  const speech = concat(...parts);
  return mix(speech, whiteNoise(speech.length / 8000, 200, 3));
}

function microsPerSecond(signal: Float64Array): number {
  const audio = pcm(signal);
  for (let i = 0; i < 5; i++) measureProsody(audio); // warm-up (JIT)
  const best: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    measureProsody(audio);
    best.push(performance.now() - t0);
  }
  best.sort((a, b) => a - b);
  // The median run: the machine is shared, the minimum would flatter.
  return (best[Math.floor(best.length / 2)]! * 1000) / (audio.samples.length / audio.sampleRateHz);
}

function main(): void {
  const cases = {
    speechLike: microsPerSecond(speechLike()),
    allVoiced: microsPerSecond(voice({ f0StartHz: 120, f0EndHz: 220, seconds: SECONDS })),
    allNoise: microsPerSecond(whiteNoise(SECONDS, 6000)),
  };
  for (const [name, us] of Object.entries(cases)) console.log(`${name.padEnd(11)} ${us.toFixed(0).padStart(6)} µs per second of audio (${(us / 10_000).toFixed(3)} % of real time)`);
  console.log(JSON.stringify({ microsPerAudioSecond: Object.fromEntries(Object.entries(cases).map(([k, v]) => [k, Math.round(v)])) }));
}

main();
