// Live progress of the simulated calls: redrawn in place on a terminal, milestone lines otherwise
// (CI logs, pipes).
import type { CallPlan, CallProgress } from './caller';

const BAR = 24;

function line(plan: CallPlan, p: CallProgress): string {
  const done = Math.min(BAR, Math.round((p.framesSent / plan.frames) * BAR));
  const secs = ((p.framesSent * 20) / 1000).toFixed(1);
  const total = ((plan.frames * 20) / 1000).toFixed(1);
  return `  ${plan.callId.padEnd(10)} [${'#'.repeat(done)}${'.'.repeat(BAR - done)}] ${secs.padStart(5)}/${total}s  frames ${String(p.framesSent).padStart(5)}  keys ${p.digitsSent}/${plan.digits.length}  ${p.state}`;
}

export class ProgressDisplay {
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly lastState = new Map<string, string>();
  private readonly tty = process.stdout.isTTY;

  constructor(private readonly plans: readonly CallPlan[], private readonly progress: readonly CallProgress[]) {}

  start(): void {
    this.timer = setInterval(() => { this.render(); }, this.tty ? 200 : 1000);
    this.render();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.render();
  }

  private render(): void {
    if (this.tty) {
      if (this.drawn > 0) process.stdout.write(`\x1b[${this.drawn}A`);
      const lines = this.plans.map((plan, i) => line(plan, this.progress[i]!));
      process.stdout.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
      this.drawn = lines.length;
      return;
    }
    // Not a terminal: print a call's line when its state changes or every ~25 % of its audio.
    this.plans.forEach((plan, i) => {
      const p = this.progress[i]!;
      const key = `${p.state}:${Math.floor((p.framesSent / plan.frames) * 4)}`;
      if (this.lastState.get(plan.callId) !== key) {
        this.lastState.set(plan.callId, key);
        process.stdout.write(line(plan, p) + '\n');
      }
    });
  }
}
