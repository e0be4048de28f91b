// Reads the mono 16-bit PCM WAV that engines write (espeak-ng --stdout). A streamed WAV has no
// final length when its header is written, so a data chunk that claims more than is there is
// read to the end of the bytes instead of rejected.
import { SwitchboardError } from '@switchboard/runtime';
import type { Pcm16Audio } from '../ports';
import { decodeL16 } from './g711';

function fail(reason: string): never {
  throw new SwitchboardError('DECODE_FAILED', `not a mono 16-bit PCM WAV: ${reason}`);
}

export function parseWav(bytes: Uint8Array): Pcm16Audio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') fail('no RIFF/WAVE header');
  let sampleRateHz: number | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) fail('short fmt chunk');
      const format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const bits = view.getUint16(body + 14, true);
      if (format !== 1 || channels !== 1 || bits !== 16) fail(`format ${format}, ${channels} channels, ${bits} bits`);
      sampleRateHz = view.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (sampleRateHz === undefined) fail('data before fmt');
      const end = Math.min(bytes.length, body + size);
      return { samples: decodeL16(bytes.subarray(body, end)), sampleRateHz };
    }
    at = body + size + (size & 1); // chunks are padded to even sizes
  }
  return fail('no data chunk');
}
