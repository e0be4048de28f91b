// The SpeechWorker gRPC contract for grpc-js, built from the GENERATED ts-proto codecs (like the
// gateway's media client): a service definition a grpc-js server can implement (test fakes), and
// a small promise client with a deadline on every call and errors mapped to SwitchboardError.
import { Client, credentials, Metadata, status, type ChannelOptions, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import {
  HealthRequest, HealthResponse, RecognizeRequest, RecognizeResponse, SynthesizeRequest, SynthesizeResponse,
} from '@switchboard/contracts';
import { SwitchboardError, type ErrorCode } from '@switchboard/runtime';

const SERVICE = '/switchboard.v1.SpeechWorker';

/** What ts-proto generates for every message (its own MessageFns type is not exported). */
interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

interface UnaryMethod<Req, Res> {
  readonly path: string;
  readonly requestStream: false;
  readonly responseStream: false;
  readonly requestSerialize: (m: Req) => Buffer;
  readonly requestDeserialize: (b: Buffer) => Req;
  readonly responseSerialize: (m: Res) => Buffer;
  readonly responseDeserialize: (b: Buffer) => Res;
  readonly originalName: string;
}

function unary<Req, Res>(name: string, req: Codec<Req>, res: Codec<Res>): UnaryMethod<Req, Res> {
  return {
    path: `${SERVICE}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: Req): Buffer => Buffer.from(req.encode(m).finish()),
    requestDeserialize: (b: Buffer): Req => req.decode(b),
    responseSerialize: (m: Res): Buffer => Buffer.from(res.encode(m).finish()),
    responseDeserialize: (b: Buffer): Res => res.decode(b),
    originalName: name.charAt(0).toLowerCase() + name.slice(1),
  };
}

export const SPEECH_WORKER_DEFINITION = {
  Recognize: unary('Recognize', RecognizeRequest, RecognizeResponse),
  Synthesize: unary('Synthesize', SynthesizeRequest, SynthesizeResponse),
  Health: unary('Health', HealthRequest, HealthResponse),
} satisfies ServiceDefinition;

/** Audio of a long utterance is bigger than grpc-js's 4 MiB default; the worker allows 16 MiB. */
export const SPEECH_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const CODES: Partial<Record<status, ErrorCode>> = {
  [status.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [status.FAILED_PRECONDITION]: 'FAILED_PRECONDITION',
  [status.DEADLINE_EXCEEDED]: 'DEADLINE_EXCEEDED',
  [status.RESOURCE_EXHAUSTED]: 'RESOURCE_EXHAUSTED',
  [status.OUT_OF_RANGE]: 'OUT_OF_RANGE',
  [status.NOT_FOUND]: 'NOT_FOUND',
};

/** The worker's status details never hold text or audio (it sends sizes, names and files only). */
function toSwitchboardError(rpc: string, err: ServiceError, timeoutMs: number): SwitchboardError {
  const code = CODES[err.code] ?? 'UNAVAILABLE';
  const why = err.code === status.DEADLINE_EXCEEDED ? `no answer within ${timeoutMs} ms` : err.details;
  return new SwitchboardError(code, `speech worker ${rpc} failed (${status[err.code]}): ${why}`, { cause: err });
}

export class SpeechWorkerClient {
  private readonly client: Client;
  private closed = false;

  constructor(readonly address: string, channelOptions: ChannelOptions = {}) {
    this.client = new Client(address, credentials.createInsecure(), {
      'grpc.max_receive_message_length': SPEECH_MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': SPEECH_MAX_MESSAGE_BYTES,
      ...channelOptions,
    });
  }

  recognize(request: RecognizeRequest, timeoutMs: number): Promise<RecognizeResponse> {
    return this.call(SPEECH_WORKER_DEFINITION.Recognize, request, timeoutMs);
  }

  synthesize(request: SynthesizeRequest, timeoutMs: number): Promise<SynthesizeResponse> {
    return this.call(SPEECH_WORKER_DEFINITION.Synthesize, request, timeoutMs);
  }

  /** With `waitForReady` the worker answers once its models are loaded (or found missing). */
  health(waitForReady: boolean, timeoutMs: number): Promise<HealthResponse> {
    // waitForReady on the call too: the channel may still be connecting to a worker just started.
    return this.call(SPEECH_WORKER_DEFINITION.Health, { waitForReady }, timeoutMs, waitForReady);
  }

  close(): void {
    this.closed = true;
    this.client.close();
  }

  private call<Req, Res>(method: UnaryMethod<Req, Res>, request: Req, timeoutMs: number, waitForReady = false): Promise<Res> {
    const rpc = method.originalName;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new SwitchboardError('UNAVAILABLE', `speech worker ${rpc}: the client is closed`));
        return;
      }
      this.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        new Metadata({ waitForReady }),
        { deadline: Date.now() + timeoutMs },
        (err, response) => {
          if (err) reject(toSwitchboardError(rpc, err, timeoutMs));
          else if (response === undefined) reject(new SwitchboardError('UNAVAILABLE', `speech worker ${rpc} returned no message`));
          else resolve(response);
        },
      );
    });
  }
}
