// The SDP answer (RFC 3264 §6): one m= line per offered line, in order; the chosen audio stream
// with our address and port, the codec taken and telephone-event with the offerer's payload
// types, 20 ms packets, and the direction mirrored (sendonly ↔ recvonly); every other stream
// refused with port 0.
import type { AudioOffer, Direction } from './offer';

export interface LocalMedia {
  readonly address: string;
  readonly port: number;
  /** o= session id and version (the version goes up with every new answer in the dialog). */
  readonly sessionId: number;
  readonly sessionVersion: number;
}

const MIRROR: Readonly<Record<Direction, Direction>> = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };

export function answerDirection(offered: Direction): Direction {
  return MIRROR[offered];
}

export function writeAnswer(offer: AudioOffer, local: LocalMedia): string {
  const lines = [
    'v=0',
    `o=switchboard ${local.sessionId} ${local.sessionVersion} IN IP4 ${local.address}`,
    's=switchboard',
    `c=IN IP4 ${local.address}`,
    't=0 0',
  ];
  for (let i = 0; i < offer.mediaCount; i++) {
    if (i !== offer.mediaIndex) {
      const other = offer.others.find((o) => o.index === i)!;
      lines.push(`m=${other.type} 0 ${other.protocol} ${other.formats.split(' ')[0] ?? '0'}`);
      continue;
    }
    const formats = [offer.payloadType, ...(offer.telephoneEvent === undefined ? [] : [offer.telephoneEvent])];
    lines.push(`m=audio ${local.port} RTP/AVP ${formats.join(' ')}`, `a=rtpmap:${offer.payloadType} ${offer.codec}/8000`);
    if (offer.telephoneEvent !== undefined) lines.push(`a=rtpmap:${offer.telephoneEvent} telephone-event/8000`, `a=fmtp:${offer.telephoneEvent} 0-15`);
    lines.push('a=ptime:20', `a=${answerDirection(offer.direction)}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
