// What a bus must close when it closes: producers and subscriptions it created that their owners
// have not closed yet. Each registered close runs once, whoever calls it first.

export class Closers {
  private readonly pending = new Set<() => Promise<void>>();

  /** Registers `close`; returns the close to hand out, which also deregisters it. */
  add(close: () => Promise<void>): () => Promise<void> {
    let done: Promise<void> | undefined;
    const once = (): Promise<void> => (done ??= close());
    this.pending.add(once);
    return () => {
      this.pending.delete(once);
      return once();
    };
  }

  /** Closes everything still registered; failures do not stop the others. */
  async closeAll(): Promise<void> {
    const all = [...this.pending];
    this.pending.clear();
    await Promise.allSettled(all.map((c) => c()));
  }
}
