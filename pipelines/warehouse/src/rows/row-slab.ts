// Encoded rows are many small buffers; carving them out of 1 MiB slabs spares the allocator and
// the garbage collector (Node's own pool is 8 KiB: a new one every few audio rows). A slab is
// freed once every row carved from it is gone, i.e. after the inserts holding them.
const SLAB_BYTES = 1 << 20;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;

/**
 * Room for a row of at most `size` bytes in the current slab (a fresh slab when it is short):
 * write from `start`, then hand the end to endRow(). Nothing may be carved in between.
 */
export function beginRow(size: number): { readonly buf: Buffer; readonly start: number } {
  if (slab.length - slabUsed < size) {
    slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, size));
    slabUsed = 0;
  }
  return { buf: slab, start: slabUsed };
}

/** The row written since beginRow(), up to `end`; only what was written is used up. */
export function endRow(end: number): Buffer {
  const row = slab.subarray(slabUsed, end);
  slabUsed = end;
  return row;
}
