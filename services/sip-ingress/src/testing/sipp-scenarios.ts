// sipp scenarios for the tests and the benchmark: XML templates under scenarios/ with {{NAME}} placeholders
// filled here, the caller's audio as a raw µ-law file sipp's rtp_stream plays, and a UDP socket
// that stands where the caller's RTP port would be and records the bot's packets.
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRtp, RtpView } from '../rtp/rtp-packet';

/** From dist/src/testing to the package's scenarios folder. */
const SCENARIOS = join(__dirname, '../../../scenarios');

export function scenario(name: string, values: Readonly<Record<string, string>>): string {
  let text = readFileSync(join(SCENARIOS, name), 'utf8');
  const fill = (): void => { for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value); };
  // Values (one may name a part), the shared parts ({{INVITE}}, {{ACK}}, {{BYE}} or {{BYE:n}} for
  // CSeq n: parts/*.xml), then values again for the placeholders the parts hold.
  fill();
  text = text.replace(/\{\{(INVITE|ACK|BYE)(?::(\d+))?\}\}/g, (_, part: string, cseq: string | undefined) =>
    readFileSync(join(SCENARIOS, 'parts', `${part.toLowerCase()}.xml`), 'utf8').replace(/^<!--.*-->\n/, '').replaceAll('{{CSEQ}}', cseq ?? '2'));
  fill();
  const left = /\{\{([A-Z_]+)\}\}/.exec(text);
  if (left) throw new Error(`scenario ${name}: no value for {{${left[1]}}}`);
  return text;
}

/** `nop` actions that play sipp's RFC 2833 pcaps for `digits` (needs root or CAP_NET_RAW). */
export function dtmfActions(digits: string, gapMs = 300): string {
  const file = (d: string): string => `/usr/share/sip-tester/dtmf_2833_${d === '*' ? 'star' : d === '#' ? 'pound' : d}.pcap`;
  const keys: string[] = [];
  for (const d of digits) keys.push(d);
  return keys.map((d) => `  <nop><action><exec play_pcap_audio="${file(d)}"/></action></nop>\n  <pause milliseconds="${gapMs}"/>`).join('\n');
}

/**
 * A raw µ-law file of `frames` 20 ms frames for rtp_stream: frame i is filled with byte
 * `(i % 100) + 1`... kept away from 0xFF (silence), so the frames the gateway receives can be
 * matched to the file.
 */
export function audioFile(frames: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(frames * 160);
  for (let i = 0; i < frames; i++) bytes.fill((i % 100) + 1, i * 160, (i + 1) * 160);
  return { path: writeAudioFile(bytes), bytes };
}

/** Writes raw µ-law for rtp_stream, padded with silence to whole 20 ms frames (sipp wraps a short last packet). */
export function writeAudioFile(muLaw: Uint8Array): string {
  const padded = Buffer.alloc(Math.ceil(muLaw.length / 160) * 160, 0xff);
  padded.set(muLaw);
  const path = join(mkdtempSync(join(tmpdir(), 'sip-audio-')), 'caller.ul');
  writeFileSync(path, padded);
  return path;
}

export interface RtpCounter {
  readonly port: number;
  close(): Promise<void>;
  /** Resolves once `count` packets have arrived. */
  waitFor(count: number): Promise<void>;
  readonly packets: { atMs: number; marker: boolean; payloadType: number; sequence: number; timestamp: number; ssrc: number; first: number; length: number }[];
}

export async function openRtpCounter(): Promise<RtpCounter> {
  const socket = createSocket('udp4');
  const packets: RtpCounter['packets'] = [];
  const view = new RtpView();
  const waiters: { count: number; resolve: () => void }[] = [];
  socket.on('message', (packet) => {
    if (readRtp(packet, view) !== undefined) return;
    for (const w of waiters.filter((x) => packets.length + 1 >= x.count)) {
      waiters.splice(waiters.indexOf(w), 1);
      setImmediate(w.resolve);
    }
    packets.push({ atMs: performance.now(), marker: view.marker, payloadType: view.payloadType, sequence: view.sequence, timestamp: view.timestamp, ssrc: view.ssrc, first: packet[view.payloadOffset] ?? -1, length: view.payloadLength });
  });
  await new Promise<void>((resolve) => { socket.bind(0, '127.0.0.1', resolve); });
  const waitFor = (count: number): Promise<void> => packets.length >= count ? Promise.resolve() : new Promise((resolve) => { waiters.push({ count, resolve }); });
  return { port: socket.address().port, packets, waitFor, close: () => new Promise<void>((resolve) => { socket.close(() => { resolve(); }); }) };
}
