// A pack that cannot be used, with every problem found (YAML path, line, what is wrong).
import { SwitchboardError } from '@switchboard/runtime';

export class PackError extends SwitchboardError {
  constructor(readonly source: string, readonly problems: readonly string[]) {
    const n = problems.length;
    super('CONFIG_INVALID', `pack ${source} is invalid (${n} problem${n === 1 ? '' : 's'}):\n${problems.map((m) => `  - ${m}`).join('\n')}`);
    this.name = 'PackError';
  }
}
