// Checks of what the media side sends. Each failure is a SwitchboardError whose code the gRPC
// edge maps to a status; messages name the rule, never the value (numbers and digits are PII).
import type { AudioFrame, DtmfEvent, StreamStart } from '@switchboard/contracts';
import { SwitchboardError } from '@switchboard/runtime';
import { mediaFormatOf, type MediaFormat } from './media-format';

const CALL_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const TENANT_ID = /^[a-z0-9-]{1,64}$/;
const DTMF_DIGIT = /^[0-9*#A-D]$/;
/** Caller/callee numbers are carried, not interpreted; this only bounds their size. */
const MAX_NUMBER_LENGTH = 64;
const MAX_ATTRIBUTES = 32;
const MAX_ATTRIBUTE_LENGTH = 256;

export interface CallSpec {
  readonly callId: string;
  readonly tenantId: string;
  readonly format: MediaFormat;
}

export function validateStart(start: StreamStart, tenantAllowlist: ReadonlySet<string> | null): CallSpec {
  if (!CALL_ID.test(start.callId)) throw new SwitchboardError('INVALID_ARGUMENT', 'call_id must match [A-Za-z0-9._:@-]{1,128}');
  if (!TENANT_ID.test(start.tenantId)) throw new SwitchboardError('INVALID_ARGUMENT', 'tenant_id must match [a-z0-9-]{1,64}');
  // The closed error codes have no PERMISSION_DENIED yet; an unknown tenant is a bad argument here.
  if (tenantAllowlist !== null && !tenantAllowlist.has(start.tenantId)) {
    throw new SwitchboardError('INVALID_ARGUMENT', 'tenant_id is not allowed on this gateway');
  }
  if (start.callerNumber.length > MAX_NUMBER_LENGTH || start.calleeNumber.length > MAX_NUMBER_LENGTH) {
    throw new SwitchboardError('INVALID_ARGUMENT', `caller_number and callee_number must be at most ${MAX_NUMBER_LENGTH} characters`);
  }
  const attributes = Object.entries(start.attributes);
  if (attributes.length > MAX_ATTRIBUTES || attributes.some(([k, v]) => k.length > MAX_ATTRIBUTE_LENGTH || v.length > MAX_ATTRIBUTE_LENGTH)) {
    throw new SwitchboardError('INVALID_ARGUMENT', `attributes: at most ${MAX_ATTRIBUTES} entries of at most ${MAX_ATTRIBUTE_LENGTH} characters`);
  }
  return { callId: start.callId, tenantId: start.tenantId, format: mediaFormatOf(start.codec, start.sampleRateHz) };
}

/**
 * A frame must be exactly one 20 ms frame of the call's format (the proto's contract), so that a
 * batch's payload can be split back into frames by size. Larger, smaller and empty frames are all
 * INVALID_ARGUMENT: the message is malformed whatever the call's state. Sequence order is state
 * (what came before), hence OUT_OF_RANGE.
 */
export function validateFrame(frame: AudioFrame, format: MediaFormat, lastSequence: number | undefined): void {
  const size = frame.payload.length;
  if (size > format.frameBytes) {
    throw new SwitchboardError('INVALID_ARGUMENT', `audio frame of ${size} bytes is larger than one 20 ms frame (${format.frameBytes} bytes)`);
  }
  if (size < format.frameBytes) {
    throw new SwitchboardError('INVALID_ARGUMENT', `audio frame of ${size} bytes is not one 20 ms frame (${format.frameBytes} bytes)`);
  }
  if (lastSequence !== undefined && frame.sequence <= lastSequence) {
    throw new SwitchboardError('OUT_OF_RANGE', `audio frame sequence ${frame.sequence} is not greater than the previous ${lastSequence}`);
  }
}

export function validateDtmf(dtmf: DtmfEvent): void {
  // The digit itself is PII: the message says what is allowed, not what came.
  if (!DTMF_DIGIT.test(dtmf.digit)) throw new SwitchboardError('INVALID_ARGUMENT', 'dtmf digit must be one of 0-9 * # A-D');
}
