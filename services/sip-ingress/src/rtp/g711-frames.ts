// G.711 facts the media path needs: one 20 ms frame at 8 kHz is 160 samples of one byte each,
// the byte that means silence, and a table that halves a sample's amplitude (−6 dB) without
// decoding the frame, used to fade concealment frames out.
import { aLawToLinear, linearToALaw, linearToMuLaw, muLawToLinear } from '@switchboard/speech';
import type { Codec } from '../sdp/offer';

export const FRAME_SAMPLES = 160;
export const FRAME_MS = 20;

export const SILENCE_BYTE: Readonly<Record<Codec, number>> = { PCMU: 0xff, PCMA: 0xd5 };

function halvingTable(decode: (b: number) => number, encode: (s: number) => number): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) table[b] = encode(Math.trunc(decode(b) / 2));
  return table;
}

const HALVE: Readonly<Record<Codec, Uint8Array>> = {
  PCMU: halvingTable(muLawToLinear, linearToMuLaw),
  PCMA: halvingTable(aLawToLinear, linearToALaw),
};

/** A copy of `frame` at half the amplitude. */
export function attenuated(frame: Uint8Array, codec: Codec): Buffer {
  const table = HALVE[codec];
  const out = Buffer.allocUnsafe(frame.length);
  for (let i = 0; i < frame.length; i++) out[i] = table[frame[i]!]!;
  return out;
}
