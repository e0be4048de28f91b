// The deployed gateway's voice (GATEWAY_VOICE=speech): a speech worker for Piper (English) and
// espeak-ng (Chinese) behind the speech ports, fixed prompts cached, warmed up before the first
// call so no caller waits for the engines' lazy set-up. The worker also loads Whisper (it serves
// both directions); the gateway only synthesizes.
import { errorMessage, type Logger } from '@switchboard/runtime';
import { CachingSynthesizer, describeExit, EspeakSynthesizer, RoutingSynthesizer, startSpeechWorker, WorkerSpeechSynthesizer } from '@switchboard/speech';
import { CallAudioSynthesizer } from '../playback/call-audio-synthesizer';
import type { SpeechSynthesizer } from './speech-synthesizer';

export interface GatewayVoice {
  readonly synthesizer: SpeechSynthesizer;
  /** Settles if the speech worker dies (the process should exit and be restarted). */
  readonly lost: Promise<string>;
  close(): Promise<void>;
}

export async function startGatewayVoice(logger: Logger): Promise<GatewayVoice> {
  const worker = await startSpeechWorker({ logger: logger.child({ component: 'speech-worker' }) });
  const voices = new RoutingSynthesizer([WorkerSpeechSynthesizer.fromWorker(worker), new EspeakSynthesizer()]);
  try {
    await voices.synthesize({ text: 'Hello, how can I help?', language: 'en', sampleRateHz: 8000 });
    await voices.synthesize({ text: '您好', language: 'zh', sampleRateHz: 8000 });
  } catch (err) {
    await voices.close().catch(() => undefined);
    await worker.close();
    throw new Error(`the bot's voice did not start: ${errorMessage(err)}`, { cause: err });
  }
  let closing = false;
  return {
    synthesizer: new CallAudioSynthesizer(new CachingSynthesizer(voices)),
    lost: worker.exited.then((exit) => (closing ? new Promise<string>(() => undefined) : `the speech worker ${describeExit(exit)}`)),
    close: async () => {
      closing = true;
      await voices.close();
      await worker.close();
    },
  };
}
