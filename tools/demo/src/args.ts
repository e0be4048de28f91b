// Command-line options of the demo. Bad values stop it with a message naming the option.
import { join } from 'node:path';

export interface DemoArgs {
  /** Calls to play; the scenario's calls are taken in turn (default: each once, at least 6). */
  readonly calls: number | undefined;
  readonly scenario: string;
  /** Calls in progress at once. */
  readonly concurrent: number;
  readonly embedded: boolean;
  readonly help: boolean;
}

export const DEFAULT_SCENARIO = join(__dirname, '..', '..', '..', '..', 'packs', 'ecommerce', 'demo-calls.yaml');

export const USAGE = `usage: bash scripts/run.sh [--calls N] [--scenario FILE] [--concurrent C] [--embedded]

Starts Switchboard on this machine — Kafka, ClickHouse and NATS (or those named by KAFKA_BROKERS,
CLICKHOUSE_URL and NATS_URL), the speech engines, the gateway, the call pipeline (ASR, NLU,
emotion, dialogue, actions) and the warehouse — then plays simulated phone calls through it:
each caller's words are spoken by TTS and sent as 20 ms G.711 frames at real-time pace, the bot
answers with synthesized speech. Prints each call's timeline and the KPIs read from ClickHouse.

  --calls N        calls to play, 1-200 (default: every call of the scenario once)
  --scenario FILE  the calls to play (default: packs/ecommerce/demo-calls.yaml; its comments
                   explain the format)
  --concurrent C   calls in progress at once, 1-50 (default 3)
  --embedded       no servers: in-memory event bus and control plane, ClickHouse in-process (chdb)
  --help           this text`;

export function parseArgs(argv: readonly string[]): DemoArgs {
  let calls: number | undefined;
  let scenario = DEFAULT_SCENARIO;
  let concurrent = 3;
  let embedded = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--calls') calls = intIn(value(), 1, 200, '--calls');
    else if (flag === '--concurrent') concurrent = intIn(value(), 1, 50, '--concurrent');
    else if (flag === '--scenario') scenario = value();
    else if (flag === '--embedded') embedded = true;
    else throw new Error(`unknown option ${flag} (see --help)`);
  }
  return { calls, scenario, concurrent, embedded, help };
}

function intIn(raw: string, min: number, max: number, flag: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}
