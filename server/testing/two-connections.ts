import pg from 'pg';

/**
 * Two connections of their own to a test database, for a race between two transactions (a writer and
 * a deleter, as the statement-level reference checks are tested against foreign keys' behaviour).
 * Both end after `race`, whatever it does.
 */
export async function withTwoConnections<T>(
  url: string,
  race: (writer: pg.Client, deleter: pg.Client) => Promise<T>,
): Promise<T> {
  const writer = new pg.Client({ connectionString: url });
  const deleter = new pg.Client({ connectionString: url });
  await Promise.all([writer.connect(), deleter.connect()]);
  try {
    return await race(writer, deleter);
  } finally {
    await Promise.all([writer.end(), deleter.end()]);
  }
}
