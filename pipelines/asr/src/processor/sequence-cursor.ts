// Where a call's audio stands in its media sequence. Chunks of one call arrive in order on one
// partition, so anything before the cursor is a redelivery or a chunk that lost a race; the VAD
// cannot go back in time, so such frames are dropped (and counted). Frames beyond the cursor leave
// a gap: those frames are missing and count as silence. The last gap is remembered so a frame
// landing in it is counted as late rather than as a duplicate.

export interface SequenceCursor {
  /** Sequence of the next expected frame; undefined before the first chunk. */
  nextSequence: number | undefined;
  /** The most recent gap [gapFrom, gapTo). */
  gapFrom: number;
  gapTo: number;
}

export interface Admission {
  /** Frames missing before the first new frame. */
  readonly missing: number;
  /** Index in the chunk of the first new frame (frameCount when none is new). */
  readonly firstNew: number;
  readonly duplicate: number;
  readonly late: number;
}

/** Advances the cursor over a chunk [firstSequence, firstSequence + frameCount). */
export function admitChunk(cursor: SequenceCursor, firstSequence: number, frameCount: number): Admission {
  const end = firstSequence + frameCount;
  const next = cursor.nextSequence;
  if (next === undefined) {
    cursor.nextSequence = end;
    return { missing: 0, firstNew: 0, duplicate: 0, late: 0 };
  }
  if (firstSequence > next) {
    cursor.gapFrom = next;
    cursor.gapTo = firstSequence;
    cursor.nextSequence = end;
    return { missing: firstSequence - next, firstNew: 0, duplicate: 0, late: 0 };
  }
  // Frames [firstSequence, min(end, next)) were passed already.
  const oldEnd = Math.min(end, next);
  const late = Math.max(0, Math.min(oldEnd, cursor.gapTo) - Math.max(firstSequence, cursor.gapFrom));
  cursor.nextSequence = Math.max(next, end);
  return { missing: 0, firstNew: oldEnd - firstSequence, duplicate: oldEnd - firstSequence - late, late };
}
