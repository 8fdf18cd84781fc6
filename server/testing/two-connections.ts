import pg from 'pg';

/** Resolves once `client`'s backend waits for a lock another transaction holds. */
export type TUntilBlocked = (client: pg.Client) => Promise<void>;

/**
 * Two connections of their own to a test database, for a race between two transactions (a writer and
 * a deleter, as the statement-level reference checks are tested against foreign keys' behaviour),
 * and `blocked`, which asks PostgreSQL (on a third connection) until one of them waits for a lock: a
 * race is set up by the lock wait itself, never by a sleep that a slow machine outlasts. It fails
 * after 10 s, so a statement that never waits (the lock it should meet is missing) fails the test.
 * All three end after `race`, whatever it does.
 */
export async function withTwoConnections<T>(
  url: string,
  race: (writer: pg.Client, deleter: pg.Client, blocked: TUntilBlocked) => Promise<T>,
): Promise<T> {
  const writer = new pg.Client({ connectionString: url });
  const deleter = new pg.Client({ connectionString: url });
  const observer = new pg.Client({ connectionString: url });
  await Promise.all([writer.connect(), deleter.connect(), observer.connect()]);
  const pids = new Map<pg.Client, number>();
  const pidOf = async (c: pg.Client) => {
    if (!pids.has(c))
      pids.set(c, (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    return pids.get(c)!;
  };
  // Asked before the race starts: once a client's statement is running, it can be asked nothing else.
  await Promise.all([pidOf(writer), pidOf(deleter)]);
  const blocked: TUntilBlocked = async (client) => {
    const pid = await pidOf(client);
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const { rows } = await observer.query<{ waiting: boolean }>(
        `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      if (rows[0]?.waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`backend ${pid} never waited for a lock`);
  };
  try {
    return await race(writer, deleter, blocked);
  } finally {
    await Promise.all([writer.end(), deleter.end(), observer.end()]);
  }
}

/**
 * How many backends of this database wait for a lock, and a poll until a condition holds (10 s at
 * most), asked on `observer`: a race test waits for the lock waits it sets up, never for a time.
 */
export function watchLockWaits(observer: pg.Client) {
  const waiting = async () =>
    Number(
      (
        await observer.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).rows[0]!.n,
    );
  const until = async (done: () => Promise<boolean>) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('the race never reached the expected point');
  };
  return { waiting, until };
}
