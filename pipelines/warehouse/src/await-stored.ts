// Waits until the warehouse holds what the bus carried for some conversations: the sink inserts in
// batches (every ~200-500 ms) and ClickHouse has no change feed, so the counts are read again
// every pollMs until they match or the deadline passes. For tests, the demo and the benchmark.
import type { ClickHouseClient } from '@clickhouse/client';
import { countEvents, type TableCounts } from './queries';
import { EVENT_TABLES, type TableName } from './rows/tables';

export type ExpectedCounts = Partial<Record<TableName, number>>;

/** True when every event table holds exactly the expected number of distinct events (absent = 0). */
export function countsMatch(stored: TableCounts, expected: ExpectedCounts): boolean {
  return EVENT_TABLES.every((t) => stored[t] === (expected[t] ?? 0));
}

/**
 * The counts of each conversation once all match, or as they were at the deadline (the caller
 * compares and reports what is missing or extra).
 */
export async function awaitStored(
  client: ClickHouseClient,
  database: string,
  expected: ReadonlyMap<string, ExpectedCounts> | (() => ReadonlyMap<string, ExpectedCounts>),
  timeoutMs = 60_000,
  pollMs = 250,
): Promise<Map<string, TableCounts>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // A function is asked again on every poll: what a reader has seen on the bus may still grow
    // (a call's last events reach the reader and the sink in either order).
    const want = typeof expected === 'function' ? expected() : expected;
    const ids = [...want.keys()];
    const counts = new Map(await Promise.all(ids.map(async (id) => [id, await countEvents(client, database, [id])] as const)));
    if (ids.every((id) => countsMatch(counts.get(id)!, want.get(id)!)) || performance.now() > deadline) return counts;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
