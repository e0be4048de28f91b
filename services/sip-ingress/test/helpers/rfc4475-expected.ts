// What this endpoint answers to each RFC 4475 torture message, over UDP and over TCP. Where the
// RFC leaves a choice (400 or the method's refusal, strict or liberal parsing), the set lists
// every answer it allows and the README says which one we give. "drop": no answer, counted under
// that reason in sip_messages_dropped_total. "close": no answer and the connection is closed
// (the message never completes). The INVITEs that are valid offer media on TEST-NET addresses,
// outside the test's SIP_MEDIA_NETWORKS: a 488 there shows the request went all the way through
// parsing, the dialog checks and offer/answer without a call being set up.

export type Outcome =
  | { readonly kind: 'answer'; readonly finals: readonly (readonly number[])[]; readonly closes?: boolean; readonly headers?: readonly RegExp[] }
  | { readonly kind: 'drop'; readonly reason: string }
  | { readonly kind: 'close'; readonly reason: string };

export interface Expectation {
  /** RFC 4475 section. */
  readonly section: string;
  readonly udp: Outcome;
  readonly tcp: Outcome;
  /** The RFC defines the message for UDP only (the check tool does not send its octets over TCP). */
  readonly udpOnly?: true;
}

const ALLOW = /\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, NOTIFY\r\n/;
const answer = (codes: number | readonly number[], headers?: readonly RegExp[]): Outcome => ({ kind: 'answer', finals: [typeof codes === 'number' ? [codes] : codes], ...(headers ? { headers } : {}) });
const both = (section: string, outcome: Outcome): Expectation => ({ section, udp: outcome, tcp: outcome });
const stray: Outcome = { kind: 'drop', reason: 'stray-response' };
const malformed: Outcome = { kind: 'drop', reason: 'malformed-response' };
/** A framing error over TCP: answered, then the connection closes (nothing after it can be delimited). */
const framing = (code: number): Outcome => ({ kind: 'answer', finals: [[code]], closes: true });

export const RFC4475_EXPECTED: Readonly<Record<string, Expectation>> = {
  // 3.1.1 valid messages: parsed; answered as this endpoint answers that request.
  wsinv: both('3.1.1.1', answer(481)),
  intmeth: both('3.1.1.2', answer(501, [ALLOW])),
  esc01: both('3.1.1.3', answer(488)),
  escnull: both('3.1.1.4', answer(405, [ALLOW])),
  esc02: both('3.1.1.5', answer(501, [ALLOW])),
  lwsdisp: both('3.1.1.6', answer(200, [ALLOW])),
  longreq: both('3.1.1.7', answer(488)),
  // Over UDP the octets after the REGISTER are ignored; over TCP they are the next message.
  dblreq: { section: '3.1.1.8', udp: answer(405), tcp: { kind: 'answer', finals: [[405], [488]] }, udpOnly: true },
  semiuri: both('3.1.1.9', answer(200)),
  transports: both('3.1.1.10', answer(200)),
  mpart01: both('3.1.1.11', answer(405, [ALLOW])),
  unreason: both('3.1.1.12', stray),
  noreason: both('3.1.1.13', stray),
  // 3.1.2 invalid messages.
  badinv01: both('3.1.2.1', answer(400)),
  clerr: { section: '3.1.2.2', udp: answer(400), tcp: { kind: 'close', reason: 'incomplete-message' } },
  ncl: { section: '3.1.2.3', udp: answer(400), tcp: framing(400) },
  scalar02: both('3.1.2.4', answer(400)),
  scalarlg: both('3.1.2.5', malformed),
  quotbal: both('3.1.2.6', answer(400)),
  ltgtruri: both('3.1.2.7', answer(400)),
  lwsruri: both('3.1.2.8', answer(400)),
  lwsstart: both('3.1.2.9', answer(400)),
  trws: both('3.1.2.10', answer(400)),
  escruri: both('3.1.2.11', answer(400)),
  baddate: both('3.1.2.12', answer(488)),
  regbadct: both('3.1.2.13', answer([400, 405])),
  badaspec: both('3.1.2.14', answer(400)),
  baddn: both('3.1.2.15', answer(400)),
  badvers: both('3.1.2.16', answer(505)),
  mismatch01: both('3.1.2.17', answer(400)),
  mismatch02: both('3.1.2.18', answer([400, 501])),
  bigcode: both('3.1.2.19', malformed),
  // 3.2 transaction layer: a bare magic cookie is matched the RFC 2543 way.
  badbranch: both('3.2.1', answer(200)),
  // 3.3 application layer.
  insuf: both('3.3.1', answer(400)),
  unkscm: both('3.3.2', answer(416)),
  novelsc: both('3.3.3', answer(416)),
  unksm2: both('3.3.4', answer(405, [ALLOW])),
  bext01: both('3.3.5', answer(420, [/\r\nUnsupported: nothingSupportsThis, nothingSupportsThisEither\r\n/])),
  invut: both('3.3.6', answer(415, [/\r\nAccept: application\/sdp\r\n/])),
  regaut01: both('3.3.7', answer(405, [ALLOW])),
  multi01: both('3.3.8', answer(400)),
  mcl01: { section: '3.3.9', udp: answer(400), tcp: framing(400) },
  bcast: both('3.3.10', stray),
  zeromf: both('3.3.11', answer(200)),
  cparam01: both('3.3.12', answer(405)),
  cparam02: both('3.3.13', answer(405)),
  regescrt: both('3.3.14', answer(405)),
  sdp01: both('3.3.15', answer(406)),
  // 3.4 an RFC 2543 INVITE is accepted over UDP (its body runs to the end of the datagram);
  // over TCP a message without Content-Length cannot be delimited (RFC 3261 §18.3).
  inv2543: { section: '3.4.1', udp: answer(488), tcp: framing(400) },
};
