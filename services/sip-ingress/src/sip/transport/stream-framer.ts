// Messages out of a TCP byte stream (RFC 3261 §18.3): the header section ends at the first empty
// line and Content-Length is mandatory; bytes are scanned once (the search resumes where it
// stopped), never re-matched from the start. CRLFCRLF between messages is a keep-alive ping
// (RFC 5626 §3.5.1; answered with one CRLF); a lone CRLF is ignored. Framing errors are fatal
// for the connection: after one, nothing more can be delimited.
import type { SipLimits } from '../message/limits';
import { SipError } from '../message/sip-error';
import { declaredContentLength } from './content-length';
import { findHeaderEnd } from './datagram-framing';

export type FramerOutput =
  | { readonly kind: 'message'; readonly head: string; readonly body: Buffer }
  | { readonly kind: 'ping' }
  /** Fatal: answer (with `head` when the header section was complete) and close. */
  | { readonly kind: 'error'; readonly error: SipError; readonly head?: string };

const PING = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH_LINE = /^(?:content-length|l)[ \t]*:(.*)$/i;

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  /** Where the search for the end of the header section resumes. */
  private scanned = 0;
  private pending: { head: string; bodyStart: number; length: number } | undefined;
  private failed = false;

  constructor(private readonly limits: SipLimits) {}

  /** Bytes held for an unfinished message (for idle and completion timeouts). */
  get bufferedBytes(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): FramerOutput[] {
    if (this.failed) return [];
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: FramerOutput[] = [];
    for (;;) {
      const next = this.next();
      if (next === undefined) break;
      out.push(next);
      if (next.kind === 'error') {
        this.failed = true;
        this.buffer = Buffer.alloc(0);
        break;
      }
    }
    return out;
  }

  private next(): FramerOutput | undefined {
    if (this.pending === undefined) {
      const lead = this.skipLeadingLineBreaks();
      if (lead === 'wait') return undefined;
      if (lead !== undefined) return lead;
      if (this.buffer.length === 0) return undefined;
      const end = findHeaderEnd(this.buffer, Math.max(0, this.scanned - 3));
      if (end === undefined) {
        this.scanned = this.buffer.length;
        if (this.buffer.length > this.limits.maxHeaderBytes) return { kind: 'error', error: new SipError('TOO_LARGE', `header section larger than ${this.limits.maxHeaderBytes} bytes`) };
        return undefined;
      }
      if (end.headEnd > this.limits.maxHeaderBytes) return { kind: 'error', error: new SipError('TOO_LARGE', `header section larger than ${this.limits.maxHeaderBytes} bytes`) };
      const head = this.buffer.toString('latin1', 0, end.headEnd);
      const values: string[] = [];
      for (const line of head.split(/\r?\n/)) {
        const m = CONTENT_LENGTH_LINE.exec(line);
        if (m) values.push(m[1] ?? '');
      }
      let length: number | undefined;
      try {
        length = declaredContentLength(values, this.limits.maxBodyBytes);
      } catch (err) {
        if (err instanceof SipError) return { kind: 'error', error: err, head };
        throw err;
      }
      if (length === undefined) return { kind: 'error', error: new SipError('BAD_REQUEST', 'Content-Length is required on a stream transport'), head };
      this.pending = { head, bodyStart: end.bodyStart, length };
    }
    const { head, bodyStart, length } = this.pending;
    if (this.buffer.length < bodyStart + length) return undefined;
    const body = Buffer.from(this.buffer.subarray(bodyStart, bodyStart + length));
    this.buffer = this.buffer.subarray(bodyStart + length);
    this.pending = undefined;
    this.scanned = 0;
    return { kind: 'message', head, body };
  }

  /**
   * CRLFCRLF → a ping; a single CRLF (or LF) before a message is dropped. Returns 'wait' when the
   * buffer is a beginning of CRLFCRLF that more bytes will decide.
   */
  private skipLeadingLineBreaks(): FramerOutput | 'wait' | undefined {
    for (;;) {
      const b = this.buffer;
      if (b.length === 0 || (b[0] !== 0x0d && b[0] !== 0x0a)) return undefined;
      if (b[0] === 0x0a) {
        this.buffer = b.subarray(1);
        continue;
      }
      if (b.length < 4 && PING.subarray(0, b.length).equals(b)) return 'wait';
      this.scanned = 0;
      if (PING.equals(b.subarray(0, 4))) {
        this.buffer = b.subarray(4);
        return { kind: 'ping' };
      }
      this.buffer = b.subarray(b[1] === 0x0a ? 2 : 1);
    }
  }
}
