/** How long a decision waits in the browser, undoable, before it is sent (docs/decisions/064). */
export const UNDO_WINDOW_MS = 5000;

export type THeldDecision = {
  key: string;
  /** The steps it decides (hidden from the list as decided while held). */
  stepIds: string[];
  decision: 'APPROVE' | 'DENY';
  /** "Approved Payroll for Alice Nguyen", "Denied 3 requests". */
  label: string;
  send: () => Promise<void>;
};

/**
 * Decisions held for the undo window: nothing reaches the server until the window closes, so an
 * undo is simply never sending (the audit log stays append-only and no provisioning is reversed).
 * Leaving the page sends what is held at once (`flush`). Timers are injectable for tests.
 */
export class DecisionHold {
  private readonly held = new Map<string, { decision: THeldDecision; timer: unknown }>();

  constructor(
    private readonly onChange: (held: THeldDecision[]) => void,
    private readonly timers: { set: (fn: () => void, ms: number) => unknown; clear: (t: unknown) => void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    },
    private readonly windowMs = UNDO_WINDOW_MS,
  ) {}

  hold(decision: THeldDecision): void {
    this.cancel(decision.key);
    this.held.set(decision.key, {
      decision,
      timer: this.timers.set(() => void this.release(decision.key), this.windowMs),
    });
    this.changed();
  }

  /** Undo: the decision is dropped and never sent. */
  cancel(key: string): boolean {
    const entry = this.held.get(key);
    if (!entry) return false;
    this.timers.clear(entry.timer);
    this.held.delete(key);
    this.changed();
    return true;
  }

  /** Sends everything held now (the page is being left). */
  flush(): Promise<void[]> {
    return Promise.all([...this.held.keys()].map((key) => this.release(key)));
  }

  list(): THeldDecision[] {
    return [...this.held.values()].map((e) => e.decision);
  }

  private async release(key: string): Promise<void> {
    const entry = this.held.get(key);
    if (!entry) return;
    this.timers.clear(entry.timer);
    this.held.delete(key);
    this.changed();
    await entry.decision.send();
  }

  private changed(): void {
    this.onChange(this.list());
  }
}
