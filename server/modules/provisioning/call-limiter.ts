/**
 * At most `limit` connector calls at once per application in this worker process: an application's
 * concurrency is what its target carries (docs/decisions/046). A batch call (one modify for many
 * members, one bulk create) is one call. The limit is read at each call, so a changed setting holds
 * from the next call on.
 */
export class CallLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  async run<T>(app: { id: string; concurrency: number }, call: () => Promise<T>): Promise<T> {
    while ((this.running.get(app.id) ?? 0) >= Math.max(1, app.concurrency)) {
      await new Promise<void>((resolve) =>
        this.waiting.set(app.id, [...(this.waiting.get(app.id) ?? []), resolve]),
      );
    }
    this.running.set(app.id, (this.running.get(app.id) ?? 0) + 1);
    try {
      return await call();
    } finally {
      this.running.set(app.id, (this.running.get(app.id) ?? 1) - 1);
      const next = this.waiting.get(app.id)?.shift();
      next?.();
    }
  }

  /** Calls running now for an application (for tests). */
  inFlight(applicationId: string): number {
    return this.running.get(applicationId) ?? 0;
  }
}
