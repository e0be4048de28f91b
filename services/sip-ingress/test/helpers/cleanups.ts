// Where a helper registers what must be closed after it: a node:test TestContext, or a
// CleanupList for code that runs outside a test (the RFC 4475 check tool).

export interface Cleanups {
  after(fn: () => unknown): void;
}

export class CleanupList implements Cleanups {
  private readonly fns: (() => unknown)[] = [];

  after(fn: () => unknown): void {
    this.fns.push(fn);
  }

  /** Runs what was registered, newest first (what was opened last closes first). */
  async run(): Promise<void> {
    for (const fn of this.fns.splice(0).reverse()) await fn();
  }
}
