// A SpeechWorker gRPC server in this process, with handlers the test supplies: exercises the
// client side (deadlines, status mapping, decoding) without Python. Stopped when the test ends.
import type { TestContext } from 'node:test';
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { EngineKind, type HealthRequest, type HealthResponse, type RecognizeRequest, type RecognizeResponse, type SynthesizeRequest, type SynthesizeResponse } from '@switchboard/contracts';
import { SPEECH_WORKER_DEFINITION, SpeechWorkerClient } from '../../src/index';

type Handler<Req, Res> = (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void;

export interface FakeHandlers {
  readonly recognize?: Handler<RecognizeRequest, RecognizeResponse>;
  readonly synthesize?: Handler<SynthesizeRequest, SynthesizeResponse>;
  readonly health?: Handler<HealthRequest, HealthResponse>;
}

const unimplemented = (_call: unknown, callback: sendUnaryData<never>): void => {
  callback({ code: status.UNIMPLEMENTED, details: 'not in this fake' });
};

export const READY_HEALTH: HealthResponse = {
  ready: true,
  engines: [
    { name: 'faster-whisper', kind: EngineKind.ENGINE_KIND_RECOGNIZER, languages: ['en'], available: true, message: '' },
    { name: 'piper', kind: EngineKind.ENGINE_KIND_SYNTHESIZER, languages: ['en'], available: true, message: '' },
  ],
};

export async function startFakeWorker(t: TestContext, handlers: FakeHandlers): Promise<SpeechWorkerClient> {
  const server = new Server();
  const impl: UntypedServiceImplementation = {
    Recognize: handlers.recognize ?? unimplemented,
    Synthesize: handlers.synthesize ?? unimplemented,
    Health: handlers.health ?? ((_call: unknown, callback: sendUnaryData<HealthResponse>) => { callback(null, READY_HEALTH); }),
  };
  server.addService(SPEECH_WORKER_DEFINITION, impl);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => { if (err) reject(err); else resolve(p); });
  });
  t.after(() => { server.forceShutdown(); });
  const client = new SpeechWorkerClient(`127.0.0.1:${port}`);
  t.after(() => { client.close(); });
  return client;
}
