import { describe, expect, it } from 'vitest';
import { CallLimiter } from './call-limiter.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CallLimiter', () => {
  it('runs at most an application’s concurrency at once, each application on its own, and every call in the end', async () => {
    const limiter = new CallLimiter();
    const ldap = { id: 'ldap', concurrency: 3 };
    const scim = { id: 'scim', concurrency: 1 };
    let peak = { ldap: 0, scim: 0 };
    const releases: Array<() => void> = [];
    const call = (app: { id: 'ldap' | 'scim'; concurrency: number }, n: number) =>
      limiter.run(app, async () => {
        peak = { ...peak, [app.id]: Math.max(peak[app.id], limiter.inFlight(app.id)) };
        await new Promise<void>((resolve) => releases.push(resolve));
        return n;
      });
    const results = Promise.all([
      ...Array.from({ length: 10 }, (_, i) => call(ldap as never, i)),
      ...Array.from({ length: 4 }, (_, i) => call(scim as never, 100 + i)),
    ]);
    for (let rounds = 0; rounds < 50; rounds++) {
      await tick();
      releases.splice(0).forEach((release) => release());
    }
    expect(await results).toEqual([...Array.from({ length: 10 }, (_, i) => i), 100, 101, 102, 103]);
    expect(peak).toEqual({ ldap: 3, scim: 1 });
    expect(limiter.inFlight('ldap')).toBe(0);
  });

  it('frees a slot when a call fails', async () => {
    const limiter = new CallLimiter();
    const app = { id: 'a', concurrency: 1 };
    await expect(limiter.run(app, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await limiter.run(app, () => Promise.resolve('next'))).toBe('next');
  });
});
