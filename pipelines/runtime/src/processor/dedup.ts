// Remembers recently seen event ids so redelivered records are processed once. Bounded: the
// oldest ids are forgotten first (redelivery windows are short: one uncommitted batch).

export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 100_000) {}

  /** True the first time an id is offered. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
