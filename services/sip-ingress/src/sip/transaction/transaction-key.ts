// Matching a request to its server transaction (RFC 3261 §17.2.3): with an RFC 3261 branch
// (magic cookie z9hG4bK) the key is branch + sent-by + method, ACK matching the INVITE's
// transaction; without one (RFC 2543 peers), the Request-URI, From tag, Call-ID, CSeq number
// and top Via stand in for the branch (the To tag is left out so the ACK of a final response,
// which carries our tag, still matches).
import type { SipRequest } from '../message/message';

export const MAGIC_COOKIE = 'z9hG4bK';

/** `asMethod` finds another request's transaction: the INVITE a CANCEL refers to. */
export function serverTransactionKey(request: SipRequest, asMethod?: string): string {
  const top = request.vias[0]!;
  const method = asMethod ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  const branch = top.params.get('branch') ?? '';
  const sentBy = `${top.host}:${top.port ?? ''}`;
  if (branch.startsWith(MAGIC_COOKIE) && branch.length > MAGIC_COOKIE.length) return `3261|${branch}|${sentBy}|${method}`;
  return `2543|${request.uri.raw}|${request.from.params.get('tag') ?? ''}|${request.callId}|${request.cseq.seq}|${top.raw.split(';')[0] ?? ''}|${method}`;
}
