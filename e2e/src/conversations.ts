// Helpers for end-to-end tests of whole conversations: the platform on the harness's servers
// under a fresh prefix and database, and what a call left on the bus, counted per table.
import { uniqueName, requireEnv } from '@switchboard/testkit';
import { startPlatform, type Platform, type PlatformOptions, type SpeechStack } from '@switchboard/platform';
import type { EventLog, Logger, PayloadKind } from '@switchboard/runtime';
import { TABLE_OF_KIND, type ExpectedCounts } from '@switchboard/warehouse';

/** The platform on the servers the test harness started (KAFKA_BROKERS, CLICKHOUSE_URL, NATS_URL). */
export function startPlatformOnServers(name: string, speech: SpeechStack, logger: Logger, more: Partial<PlatformOptions> = {}): Promise<Platform> {
  const prefix = `${uniqueName(name)}.`;
  return startPlatform({
    servers: { kafkaBrokers: requireEnv('KAFKA_BROKERS').split(','), clickhouseUrl: requireEnv('CLICKHOUSE_URL'), natsUrl: requireEnv('NATS_URL') },
    speech, logger, topicPrefix: prefix, database: prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase(), ...more,
  });
}

/** Distinct events the bus carried for a conversation, by warehouse table. */
export function publishedByTable(events: EventLog, conversationId: string): ExpectedCounts {
  const out: ExpectedCounts = {};
  for (const [kind, n] of Object.entries(events.counts(conversationId)) as Array<[PayloadKind, number]>) {
    out[TABLE_OF_KIND[kind]] = (out[TABLE_OF_KIND[kind]] ?? 0) + n;
  }
  return out;
}
