// Tables are partitioned by month of occurred_at: a garbage timestamp would create a partition
// of its own (or wrap around DateTime's 2106 limit), and one insert touching too many partitions
// fails as a whole. Events outside this range are dead-lettered instead.
export const MIN_OCCURRED_AT_MS = Date.UTC(2000, 0, 1);
export const MAX_OCCURRED_AT_MS = Date.UTC(2100, 0, 1);

export function occurredAtInRange(ms: number): boolean {
  return ms >= MIN_OCCURRED_AT_MS && ms < MAX_OCCURRED_AT_MS;
}
