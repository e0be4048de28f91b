// Bounds on what one message may make the parser do; anything beyond is refused (513 or 400),
// never buffered without limit.

export interface SipLimits {
  /** Start line plus header section, bytes. */
  readonly maxHeaderBytes: number;
  readonly maxBodyBytes: number;
  readonly maxHeaders: number;
  readonly maxLineBytes: number;
  readonly maxViaHops: number;
}

export const DEFAULT_SIP_LIMITS: SipLimits = {
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: 64 * 1024,
  maxHeaders: 256,
  maxLineBytes: 8 * 1024,
  maxViaHops: 70,
};
