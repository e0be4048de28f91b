// Test messages written as lines: joined with CRLF, an empty line after the headers, the body
// appended; `lines` may hold raw bytes (\x00, UTF-8) since everything is latin1 on the wire side.

export function sipText(lines: readonly string[], body = ''): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body, 'latin1')]);
}

export const SDP_OFFER = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0 8 101', 'a=rtpmap:101 telephone-event/8000', ''].join('\r\n');

/** A plain INVITE from a trunk, with an SDP offer and a correct Content-Length. */
export function invite(over: { headers?: readonly string[]; requestLine?: string; body?: string } = {}): Buffer {
  const body = over.body ?? SDP_OFFER;
  return sipText([
    over.requestLine ?? 'INVITE sip:+15550001111@switchboard.test SIP/2.0',
    ...(over.headers ?? [
      'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1;rport',
      'Max-Forwards: 70',
      'From: "Caller" <sip:+15552223333@carrier.test>;tag=abc',
      'To: <sip:+15550001111@switchboard.test>',
      'Call-ID: call-1@carrier.test',
      'CSeq: 1 INVITE',
      'Contact: <sip:caller@127.0.0.1:5070>',
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(body, 'latin1')}`,
    ]),
  ], body);
}
