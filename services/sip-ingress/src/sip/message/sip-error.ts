// Why a message was refused, as the SIP status a UAS answers with (when it can answer at all:
// a malformed response, or a request too broken to route a reply, is dropped and counted).

/** The closed set of reasons; each maps to one SIP status in STATUS_OF. */
export type SipErrorCode =
  | 'BAD_REQUEST' // 400: syntax, missing or repeated headers, framing
  | 'VERSION_NOT_SUPPORTED' // 505
  | 'TOO_LARGE' // 513 Message Too Large
  | 'UNPARSEABLE'; // no response possible: not even a start line and a Via to answer to

export const STATUS_OF: Readonly<Record<SipErrorCode, number>> = {
  BAD_REQUEST: 400,
  VERSION_NOT_SUPPORTED: 505,
  TOO_LARGE: 513,
  UNPARSEABLE: 0,
};

export class SipError extends Error {
  override readonly name = 'SipError';

  /** `detail` goes into the reason phrase and logs: it never quotes the message (PII). */
  constructor(readonly code: SipErrorCode, readonly detail: string) {
    super(detail);
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}
