// One simulated caller: opens a media stream, sends 20 ms G.711 frames of a tone melody at
// real-time pace, presses a few keys, hangs up, and reports its progress as it goes.
import { Codec } from '@switchboard/contracts';
import { encodeALaw, encodeMuLaw, tone } from '@switchboard/speech';
import { type MediaIngestClient, type StreamStatus } from '@switchboard/gateway';

export interface CallPlan {
  readonly index: number;
  readonly callId: string;
  readonly codec: Codec;
  readonly frames: number;
  /** Keys pressed, spread over the call. */
  readonly digits: string;
}

export interface CallProgress {
  framesSent: number;
  digitsSent: number;
  state: 'dialling' | 'streaming' | 'hanging up' | 'ended' | 'rejected';
  conversationId?: string;
  status?: StreamStatus;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A frame of a slow three-note melody, different per caller so recordings are distinguishable. */
function frame(plan: CallPlan, i: number): Buffer {
  const notes = [392, 440, 523.25];
  const hz = notes[(Math.floor(i / 25) + plan.index) % notes.length]! * (1 + plan.index * 0.02);
  const pcm = tone(hz, 8000, 160, 6000, i * 160);
  return plan.codec === Codec.CODEC_PCMA ? encodeALaw(pcm) : encodeMuLaw(pcm);
}

export async function playCall(client: MediaIngestClient, plan: CallPlan, progress: CallProgress): Promise<void> {
  const stream = client.openStream();
  stream.start({
    callId: plan.callId,
    tenantId: 'demo',
    codec: plan.codec,
    sampleRateHz: 8000,
    callerNumber: `+86138${String(10_000_000 + plan.index * 7919).slice(-8)}`,
    calleeNumber: '+864001234567',
    attributes: { scenario: 'spine-demo' },
  });
  const first = await stream.next();
  if (!first?.accepted) {
    progress.state = 'rejected';
    stream.end();
    progress.status = await stream.status;
    return;
  }
  progress.conversationId = first.accepted.conversationId;
  progress.state = 'streaming';
  const digitEvery = Math.floor(plan.frames / (plan.digits.length + 1));
  const startedAt = performance.now();
  for (let i = 0; i < plan.frames; i++) {
    const wait = startedAt + i * 20 - performance.now();
    if (wait > 0) await sleep(wait);
    await stream.sendPaced({ audio: { sequence: i + 1, payload: frame(plan, i) } });
    progress.framesSent++;
    if (digitEvery > 0 && (i + 1) % digitEvery === 0 && progress.digitsSent < plan.digits.length) {
      stream.dtmf(plan.digits[progress.digitsSent]!, 120);
      progress.digitsSent++;
    }
  }
  progress.state = 'hanging up';
  stream.hangup();
  stream.end();
  progress.status = await stream.status;
  progress.state = 'ended';
}
