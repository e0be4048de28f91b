// Output event ids are derived from the input event id, so re-processing an input after a crash
// re-emits the same ids and downstream idempotency (the warehouse, other processors) holds.
import { createHash } from 'node:crypto';

export function derivedEventId(inputEventId: string, processor: string, index: number): string {
  const h = createHash('sha1').update(`${processor}\u0000${inputEventId}\u0000${index}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // RFC 4122 version 5 layout
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
