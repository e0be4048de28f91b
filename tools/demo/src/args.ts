// Command-line options of the demo. Bad values stop it with a message naming the option.

export interface DemoArgs {
  readonly calls: number;
  readonly seconds: number;
  readonly help: boolean;
}

export const USAGE = `usage: bash scripts/run.sh [--calls N] [--seconds S]

Starts Kafka, ClickHouse and NATS on this machine (or uses KAFKA_BROKERS, CLICKHOUSE_URL and
NATS_URL when set), the gateway and the warehouse sink, then plays N simulated phone calls
(G.711 audio at real-time pace, DTMF key presses) and shows what reached ClickHouse.

  --calls N     simultaneous calls, 1-200 (default 6)
  --seconds S   audio per call in seconds, 1-120 (default 5)
  --help        this text`;

export function parseArgs(argv: readonly string[]): DemoArgs {
  let calls = 6;
  let seconds = 5;
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
    else if (flag === '--seconds') seconds = intIn(value(), 1, 120, '--seconds');
    else throw new Error(`unknown option ${flag} (see --help)`);
  }
  return { calls, seconds, help };
}

function intIn(raw: string, min: number, max: number, flag: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}`);
  return n;
}
