// The bytes of one conversation's checkpoint: the processor's saved state, its version, and the
// ids of the last events applied to it. The ids let a restarted instance skip events that were
// applied and checkpointed but whose offsets were not committed yet (redelivered after a crash).
import type { StateCheckpoint } from './processor';

/** Event ids kept per conversation: more than one batch's worth of one conversation's events. */
export const CHECKPOINT_RECENT_IDS = 64;

interface SavedCheckpoint {
  readonly v: number;
  readonly ids: readonly string[];
  readonly s: unknown;
}

export function encodeCheckpoint<S>(checkpoint: StateCheckpoint<S>, state: S, recentIds: readonly string[]): Uint8Array {
  const saved: SavedCheckpoint = { v: checkpoint.version, ids: recentIds, s: checkpoint.save(state) };
  return Buffer.from(JSON.stringify(saved), 'utf8');
}

export function decodeCheckpoint<S>(checkpoint: StateCheckpoint<S>, bytes: Uint8Array): { state: S; recentIds: string[] } {
  const parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Partial<SavedCheckpoint> | null;
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.v !== 'number' || !Array.isArray(parsed.ids)) {
    throw new Error('checkpoint is not an object with v and ids');
  }
  const ids = parsed.ids.filter((id): id is string => typeof id === 'string');
  return { state: checkpoint.restore(parsed.s, parsed.v), recentIds: ids };
}
