// Caller and callee numbers for StreamStart (PII: carried to the gateway, never logged): the
// user part of the From URI and of the Request-URI (or the tel: number), bounded to what the
// gateway accepts.
import type { SipRequest } from '../sip/message/message';
import type { Uri } from '../sip/message/uri';

const MAX_NUMBER_LENGTH = 64;

function userOf(uri: Uri): string {
  if (uri.scheme === 'tel') return uri.number;
  if (uri.scheme === 'other') return '';
  return uri.user ?? '';
}

export const callerOf = (invite: SipRequest): string => userOf(invite.from.uri).slice(0, MAX_NUMBER_LENGTH);
export const calleeOf = (invite: SipRequest): string => userOf(invite.uri).slice(0, MAX_NUMBER_LENGTH);
