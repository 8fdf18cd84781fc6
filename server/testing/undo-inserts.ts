import type { TPrisma } from '@/server/db/client.ts';

/**
 * The database undoes an insert into `table` matching `when` (a trigger's WHEN) `failures` times, as
 * it undoes a deadlock's victim (SQLSTATE 40P01) or a serialization failure (40001): the error reaches
 * the portal from PostgreSQL through the driver as a real one does. The count lives in a sequence,
 * which a rollback does not undo. Arranged by the owner (the portal's role creates no triggers): the
 * function runs as its owner to use the sequence.
 */
export async function undoInserts(
  owner: TPrisma,
  options: { tag: string; failures: number; sqlstate: '40P01' | '40001'; table: string; when: string },
) {
  const tag = options.tag.replace(/\W/g, '_');
  await owner.$executeRawUnsafe(`CREATE SEQUENCE tries_${tag}`);
  await owner.$executeRawUnsafe(`CREATE FUNCTION undo_${tag}() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
    BEGIN
      IF nextval('tries_${tag}') <= ${options.failures} THEN
        RAISE EXCEPTION 'met another transaction' USING ERRCODE = '${options.sqlstate}';
      END IF;
      RETURN NEW;
    END $$`);
  await owner.$executeRawUnsafe(
    `CREATE TRIGGER undo_${tag} BEFORE INSERT ON "${options.table}" FOR EACH ROW WHEN (${options.when}) EXECUTE FUNCTION undo_${tag}()`,
  );
  return {
    /** How many inserts the trigger saw: the runs the transaction got. */
    tries: async () =>
      (await owner.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT last_value AS n FROM tries_${tag}`))[0]!.n,
    drop: () => owner.$executeRawUnsafe(`DROP TRIGGER undo_${tag} ON "${options.table}"`),
  };
}
