// Small builders for the media side of test calls.
import { Codec, type StreamStart } from '@switchboard/contracts';
import { uniqueName } from '@switchboard/testkit';
import type { MediaCallStream } from '../../src/index';

export function startMessage(over: Partial<StreamStart> = {}): StreamStart {
  return {
    callId: uniqueName('call'), tenantId: 'acme', codec: Codec.CODEC_PCMU, sampleRateHz: 8000,
    callerNumber: '+15551230001', calleeNumber: '+15559870002', attributes: { trunk: 'test' },
    ...over,
  };
}

/** A G.711 frame whose bytes encode its sequence number (to trace frames through batches). */
export function g711Frame(sequence: number): Buffer {
  return Buffer.alloc(160, sequence % 256);
}

/** Opens a stream, sends start, returns the conversation id from StreamAccepted. */
export async function acceptedCall(stream: MediaCallStream, start: StreamStart): Promise<string> {
  stream.start(start);
  const first = await stream.next();
  const id = first?.accepted?.conversationId;
  if (id === undefined) throw new Error(`call was not accepted: ${JSON.stringify((await stream.status))}`);
  return id;
}
