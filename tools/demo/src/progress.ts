// Live progress of the simulated calls: redrawn in place on a terminal, a line per change
// otherwise (CI logs, pipes).

export interface CallProgress {
  readonly label: string;
  state: string;
  startedAtMs: number | undefined;
  /** The bot is talking on this call right now. */
  botTalking: () => boolean;
}

function line(p: CallProgress): string {
  const secs = p.startedAtMs === undefined ? '' : `${((performance.now() - p.startedAtMs) / 1000).toFixed(0)} s`;
  const talking = p.botTalking() ? 'bot speaking' : '';
  return `  ${p.label.padEnd(44)} ${p.state.padEnd(12)} ${secs.padStart(5)}  ${talking}`.trimEnd();
}

export class ProgressDisplay {
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly lastState = new Map<CallProgress, string>();
  private readonly tty = process.stdout.isTTY;

  constructor(private readonly calls: readonly CallProgress[]) {}

  start(): void {
    this.timer = setInterval(() => { this.render(); }, this.tty ? 250 : 500);
    this.render();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.render();
  }

  private render(): void {
    if (this.tty) {
      if (this.drawn > 0) process.stdout.write(`\x1b[${this.drawn}A`);
      const lines = this.calls.map(line);
      process.stdout.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
      this.drawn = lines.length;
      return;
    }
    for (const p of this.calls) {
      if (this.lastState.get(p) === p.state) continue;
      this.lastState.set(p, p.state);
      process.stdout.write(`${line(p)}\n`);
    }
  }
}
