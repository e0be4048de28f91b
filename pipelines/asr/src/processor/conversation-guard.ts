// Makes a processor safe under the runtime's two lanes. The ASR reads `calls` (control lane) and
// `audio` (data lane) through separate subscriptions, and ProcessorCore.handleEvent runs both
// lanes' handlers for one conversation concurrently, each with the state it looked up when it
// started (core.ts: `let state = before ?? initialState(id)` … `await handle` … `states.set`).
// With a slow async handler that means:
// - a CallEnded can run while an audio handler awaits the recognizer, on the same state;
// - two first events of a call can each get a fresh initial state, and the last to finish wins;
// - an audio record handled after CallEnded revives a finished call as a fresh state.
// The guard (1) runs one handler per conversation at a time, in arrival order; (2) remembers the
// live state object per conversation and hands that to every handler (adopting it into the
// runtime with setState if the runtime made a second one); (3) remembers recently ended
// conversations so late records are passed over instead of starting a new state.

/** Insertion-ordered set that forgets its oldest members beyond `capacity`. */
class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly capacity: number) {}
  add(id: string): void {
    this.items.delete(id);
    this.items.add(id);
    if (this.items.size > this.capacity) {
      const oldest = this.items.values().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
  }
  has(id: string): boolean {
    return this.items.has(id);
  }
}

export interface GuardedContext<S> {
  readonly conversationId: string;
  readonly state: S;
  setState(next: S): void;
}

export class ConversationGuard<S> {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly live = new Map<string, S>();
  private readonly ended: RecentSet;

  constructor(endedCapacity: number) {
    this.ended = new RecentSet(endedCapacity);
  }

  /**
   * Runs `fn` after every earlier handler of the conversation settled. Returns the run itself (not
   * an async wrapper): the runtime's continuation then stores its state before the next handler
   * of the conversation starts.
   */
  serialize(conversationId: string, fn: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const run = previous.then(fn);
    const tail = run.then(() => undefined, () => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return run;
  }

  /** The conversation's live state; adopted into the runtime's context if it holds another. */
  adopt(ctx: GuardedContext<S>): S {
    const known = this.live.get(ctx.conversationId);
    if (known === undefined) {
      this.live.set(ctx.conversationId, ctx.state);
      return ctx.state;
    }
    if (known !== ctx.state) ctx.setState(known);
    return known;
  }

  isEnded(conversationId: string): boolean {
    return this.ended.has(conversationId);
  }

  end(conversationId: string): void {
    this.live.delete(conversationId);
    this.ended.add(conversationId);
  }

  /** Conversations with a live state (metrics, tests). */
  get liveConversations(): number {
    return this.live.size;
  }
}
