// A parsed SIP message: the start line, the header fields in order (raw values kept for
// echoing), the headers every transaction needs already parsed, and the body bytes.
import type { CSeq } from './cseq';
import type { Headers } from './header-block';
import type { NameAddr } from './name-addr';
import type { Uri } from './uri';
import type { ViaHop } from './via';

interface MessageBase {
  readonly headers: Headers;
  readonly vias: readonly ViaHop[];
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  readonly body: Buffer;
}

export interface SipRequest extends MessageBase {
  readonly kind: 'request';
  /** As written: methods are case-sensitive (RFC 3261 §7.1). */
  readonly method: string;
  readonly uri: Uri;
  readonly maxForwards: number | undefined;
  readonly contacts: readonly NameAddr[] | '*';
}

export interface SipResponse extends MessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;
