// Cleanup registered right where a resource is created, run in reverse order of creation (node's
// t.after hooks run first-registered-first): a sink stops before its bus closes, a database is
// dropped before its client closes.
import type { TestContext } from 'node:test';

const stacks = new WeakMap<TestContext, Array<() => unknown>>();

export function onCleanup(t: TestContext, fn: () => unknown): void {
  let stack = stacks.get(t);
  if (!stack) {
    const fresh: Array<() => unknown> = [];
    stacks.set(t, fresh);
    stack = fresh;
    t.after(async () => {
      const errors: unknown[] = [];
      for (const step of fresh.reverse()) {
        try {
          await step();
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length > 0) throw new AggregateError(errors, 'cleanup failed');
    });
  }
  stack.push(fn);
}
