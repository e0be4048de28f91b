// Prometheus view of the processors a host runs: their core counters, read at scrape time.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { StartedProcessor } from './hosted-processors';

const COUNTERS = ['handled', 'skippedDuplicates', 'passedOver', 'deadLettered', 'restoredConversations'] as const;

export function createHostRegistry(processors: () => readonly StartedProcessor[]): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges fed from the cores' monotonic counters: prom-client counters cannot be set, and the
  // cores own the numbers. Names end in _total so dashboards treat them as counters.
  new Gauge({
    name: 'sb_processor_events_total',
    help: 'Events per processor and outcome (handled, skippedDuplicates, passedOver, deadLettered, restoredConversations)',
    labelNames: ['processor', 'outcome'] as const,
    registers: [registry],
    collect() {
      for (const p of processors()) for (const outcome of COUNTERS) this.set({ processor: p.name, outcome }, p.stats[outcome]);
    },
  });
  return registry;
}
