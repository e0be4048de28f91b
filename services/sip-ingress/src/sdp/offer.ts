// An SDP offer (RFC 4566, parsed by sdp-transform) reduced to what a G.711 call needs: the
// first usable audio stream's address and port, the codec we take from it (PCMU or PCMA, in the
// offerer's order), telephone-event (RFC 4733) if offered, its direction and packet time.
// Anything we cannot take is a 488 (or 400 for SDP that is not SDP) with the reason.
import { parse } from 'sdp-transform';

export type Codec = 'PCMU' | 'PCMA';
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface AudioOffer {
  /** Index of the chosen m= line (the answer keeps every line, the others at port 0). */
  readonly mediaIndex: number;
  readonly mediaCount: number;
  /** The other m= lines as the answer must repeat them: type, protocol, formats. */
  readonly others: readonly { readonly index: number; readonly type: string; readonly protocol: string; readonly formats: string }[];
  readonly address: string;
  readonly port: number;
  readonly codec: Codec;
  readonly payloadType: number;
  readonly telephoneEvent: number | undefined;
  /** As offered; `c=0.0.0.0` (RFC 2543 hold) counts as sendonly from the offerer. */
  readonly direction: Direction;
  readonly ptimeMs: number | undefined;
}

export type OfferResult =
  | { readonly ok: true; readonly offer: AudioOffer }
  | { readonly ok: false; readonly status: 400 | 488; readonly detail: string };

/**
 * sdp-transform turns every value that looks like an integer into a number (`m=audio 4 RTP/AVP 0`
 * gives `payloads: 0`) although its types say string: read such fields through this.
 */
const fieldText = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

const STATIC: Readonly<Record<number, Codec>> = { 0: 'PCMU', 8: 'PCMA' };
const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;

export interface OfferPolicy {
  /** Codecs we take, by name. */
  readonly codecs: readonly Codec[];
  /** Whether RTP may be sent to this address (no traffic to networks outside the trunk's). */
  readonly mediaAddressAllowed: (address: string) => boolean;
}

export function readOffer(text: string, policy: OfferPolicy): OfferResult {
  if (!/^v=0\r?\n/.test(text)) return { ok: false, status: 400, detail: 'body is not SDP (no v=0 line first)' };
  const sdp = parse(text);
  const media = sdp.media;
  if (media.length === 0) return { ok: false, status: 488, detail: 'the offer has no media' };
  let reason = 'no audio stream offered';
  for (let index = 0; index < media.length; index++) {
    const m = media[index]!;
    if (m.type !== 'audio' || m.port === 0) continue;
    if (m.protocol !== 'RTP/AVP') {
      reason = `audio protocol ${m.protocol} is not RTP/AVP`;
      continue;
    }
    const connection = m.connection ?? sdp.connection;
    if (connection === undefined || connection.version !== 4 || !IPV4.test(connection.ip)) {
      reason = 'audio stream without an IPv4 connection address';
      continue;
    }
    const rtpmap = new Map<number, string>();
    for (const r of m.rtp) rtpmap.set(r.payload, `${r.codec.toLowerCase()}/${r.rate ?? ''}`);
    const formats = fieldText(m.payloads).trim().split(/\s+/).filter((f) => f !== '').map(Number);
    let chosen: { codec: Codec; pt: number } | undefined;
    let telephoneEvent: number | undefined;
    for (const pt of formats) {
      const mapped = rtpmap.get(pt);
      const codec = mapped === undefined ? STATIC[pt] : mapped === 'pcmu/8000' ? 'PCMU' : mapped === 'pcma/8000' ? 'PCMA' : undefined;
      if (codec !== undefined && chosen === undefined && policy.codecs.includes(codec)) chosen = { codec, pt };
      if (mapped === 'telephone-event/8000' && telephoneEvent === undefined) telephoneEvent = pt;
    }
    if (chosen === undefined) {
      reason = 'none of the offered audio formats is PCMU or PCMA at 8000 Hz';
      continue;
    }
    const held = connection.ip === '0.0.0.0';
    if (!held && !policy.mediaAddressAllowed(connection.ip)) {
      reason = 'the offered media address is outside the trunk\'s media networks';
      continue;
    }
    const direction: Direction = held ? 'sendonly' : (m.direction ?? sdp.direction ?? 'sendrecv');
    const ptime = m.ptime ?? undefined;
    const others = media.flatMap((o, i) => (i === index ? [] : [{ index: i, type: o.type, protocol: o.protocol, formats: fieldText(o.payloads).trim() }]));
    return {
      ok: true,
      offer: { mediaIndex: index, mediaCount: media.length, others, address: connection.ip, port: m.port, codec: chosen.codec, payloadType: chosen.pt, telephoneEvent, direction, ptimeMs: ptime === undefined ? undefined : Math.round(Number(fieldText(ptime))) },
    };
  }
  return { ok: false, status: 488, detail: reason };
}
