// G.711 µ-law and A-law (ITU-T G.711, the classic Sun reference algorithm): encoders for
// synthesized and simulated speech, table decoders for the ASR, plus generated test audio (a
// tone or noise as 16-bit linear PCM).

const MU_BIAS = 0x84;
const MU_CLIP = 32635;
const A_SEGMENT_ENDS = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff] as const;

/** One 16-bit linear sample → one µ-law byte. */
export function linearToMuLaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > MU_CLIP) s = MU_CLIP;
  s += MU_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function muLawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + MU_BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? MU_BIAS - t : t - MU_BIAS;
}

/** One 16-bit linear sample → one A-law byte. */
export function linearToALaw(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample))) >> 3;
  let mask: number;
  if (pcm >= 0) mask = 0xd5;
  else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  const segment = A_SEGMENT_ENDS.findIndex((end) => pcm <= end);
  if (segment === -1) return 0x7f ^ mask;
  const mantissa = segment < 2 ? (pcm >> 1) & 0x0f : (pcm >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}

export function aLawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const segment = (a & 0x70) >> 4;
  if (segment === 0) t += 8;
  else {
    t += 0x108;
    if (segment > 1) t <<= segment - 1;
  }
  return a & 0x80 ? t : -t;
}

export function encodeMuLaw(pcm: Int16Array): Buffer {
  const out = Buffer.allocUnsafe(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = linearToMuLaw(pcm[i]!);
  return out;
}

export function encodeALaw(pcm: Int16Array): Buffer {
  const out = Buffer.allocUnsafe(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = linearToALaw(pcm[i]!);
  return out;
}

// Decoding goes through 256-entry tables: it runs on every caller frame the ASR sees.
const MU_TABLE = Int16Array.from({ length: 256 }, (_, b) => muLawToLinear(b));
const A_TABLE = Int16Array.from({ length: 256 }, (_, b) => aLawToLinear(b));

export function decodeMuLaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = MU_TABLE[bytes[i]!]!;
  return out;
}

export function decodeALaw(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = A_TABLE[bytes[i]!]!;
  return out;
}

/** 16-bit little-endian bytes of linear PCM (CODEC_L16). */
export function encodeL16(pcm: Int16Array): Buffer {
  const out = Buffer.allocUnsafe(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, i * 2);
  return out;
}

/** Linear PCM from 16-bit little-endian bytes (CODEC_L16); a trailing odd byte is dropped. */
export function decodeL16(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length >> 1);
  // A DataView reads any byte offset (gRPC buffers need not be 2-byte aligned) in a fixed order.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true);
  return out;
}

/** A sine tone; `startSample` continues the phase across frames. */
export function tone(frequencyHz: number, sampleRateHz: number, samples: number, amplitude = 8000, startSample = 0): Int16Array {
  const pcm = new Int16Array(samples);
  const step = (2 * Math.PI * frequencyHz) / sampleRateHz;
  for (let i = 0; i < samples; i++) pcm[i] = Math.round(amplitude * Math.sin(step * (startSample + i)));
  return pcm;
}

/** Uniform noise from a small deterministic generator (same seed, same audio). */
export function noise(samples: number, amplitude = 2000, seed = 1): Int16Array {
  const pcm = new Int16Array(samples);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < samples; i++) {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    pcm[i] = Math.round(((state / 0xffffffff) * 2 - 1) * amplitude);
  }
  return pcm;
}
