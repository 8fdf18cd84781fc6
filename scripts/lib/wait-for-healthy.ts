/**
 * Polls a health URL until it answers OK. False when the time runs out: the caller must then say the
 * portal is not running, never that it is.
 */
export async function waitForHealthy(url: string, timeoutMs: number, intervalMs = 500): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(Math.max(intervalMs, 5_000)) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
