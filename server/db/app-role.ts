import pg from 'pg';
import { BOSS_SCHEMA } from '@/server/queue/boss.ts';

/** The role the launcher gives the web app and the worker on its embedded PostgreSQL. */
export const APP_ROLE = 'gatehouse_app';

/**
 * The portal may add to these and read them, nothing else: the audit trail and its chain
 * (docs/decisions/051), and access review decisions, the auditor's evidence (docs/decisions/060).
 */
export const APPEND_ONLY_TABLES = [
  'AuditEvent',
  'AuditSeal',
  'AuditVerification',
  'ReviewDecision',
  'SlackInteraction',
];
/** History is closed (UPDATE), never deleted (docs/decisions/050); so are review campaigns and their items (060), held SCIM deactivations (065), API tokens (070), and SoD violations and mitigating controls (resolved or revoked with their time; their rule is retired, not deleted). */
export const CLOSED_NOT_DELETED_TABLES = [
  'AccountEntitlementPeriod',
  'RoleEntitlementPeriod',
  'Grant',
  'ReviewCampaign',
  'ReviewItem',
  'ScimDeactivation',
  'ApiToken',
  'SlackMessage',
  'SodViolation',
  'SodMitigation',
];
/** The migrator's own bookkeeping. */
const OWNER_ONLY_TABLES = ['_prisma_migrations'];

/**
 * Makes `role` the portal's database role and returns its connection URL (the owner's URL with the
 * role's name and password). Run as the owner, after every migration: it creates the role when it is
 * missing (LOGIN, no superuser, CREATEDB, CREATEROLE, BYPASSRLS or REPLICATION) and sets its
 * privileges afresh, so tables a migration added are covered and nothing granted by hand lingers:
 * - ordinary tables: SELECT, INSERT, UPDATE, DELETE; sequences: USAGE, SELECT;
 * - APPEND_ONLY_TABLES: SELECT, INSERT; CLOSED_NOT_DELETED_TABLES: SELECT, INSERT, UPDATE;
 * - no TRUNCATE, REFERENCES or TRIGGER anywhere, no CREATE in the schema, nothing on _prisma_migrations;
 * - pg-boss's schema: what its queues need (its own migrations run as the owner).
 * Owning nothing, the role cannot ALTER a table or switch its triggers off, and only a superuser may
 * set session_replication_role; the temporary tables it may create come after the real ones in every
 * trigger function (docs/decisions/108). It refuses a role that is a superuser or owns the schema or a table:
 * no grant would hold it back. Idempotent, and safe when two processes run it at once.
 */
export async function ensureAppRole(
  ownerUrl: string,
  options: { role: string; password?: string; resetPassword?: boolean },
): Promise<string> {
  const { role, password } = options;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const id = pg.escapeIdentifier(role);
  try {
    await retryConcurrentUpdate(() => createOrUpdateRole(client, options));
    await refuseAPowerfulRole(client, role);
    await client.query('BEGIN');
    try {
      // Two migrators granting on the same tables at once fail with "tuple concurrently updated".
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('gatehouse:app-role', 0))`);
      const { rows } = await client.query<{ boss: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS boss`,
        [BOSS_SCHEMA],
      );
      const tables = (names: string[]) => names.map((n) => pg.escapeIdentifier(n)).join(', ');
      // CONNECT is PUBLIC's by default (and granting it needs the database's owner, who may not be the tables').
      const statements = [
        // PostgreSQL 15 and later already keep PUBLIC out of the public schema; older ones let anyone create tables there.
        `REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${id}`,
        `GRANT USAGE ON SCHEMA public TO ${id}`,
        `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${id}`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${id}`,
        `REVOKE UPDATE, DELETE ON ${tables(APPEND_ONLY_TABLES)} FROM ${id}`,
        `REVOKE DELETE ON ${tables(CLOSED_NOT_DELETED_TABLES)} FROM ${id}`,
        `REVOKE ALL ON ${tables(OWNER_ONLY_TABLES)} FROM ${id}`,
        `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${id}`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${id}`,
      ];
      if (rows[0]!.boss) {
        const boss = pg.escapeIdentifier(BOSS_SCHEMA);
        statements.push(
          `GRANT USAGE ON SCHEMA ${boss} TO ${id}`,
          `REVOKE CREATE ON SCHEMA ${boss} FROM ${id}`,
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${boss} TO ${id}`,
          `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${boss} TO ${id}`,
          `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${boss} TO ${id}`,
        );
      }
      for (const sql of statements) await client.query(sql);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

async function createOrUpdateRole(
  client: pg.Client,
  { role, password, resetPassword }: { role: string; password?: string; resetPassword?: boolean },
) {
  const id = pg.escapeIdentifier(role);
  const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
  if (!exists) {
    if (!password)
      throw new Error(
        `the database role "${role}" does not exist; create it (see README, "Database roles") or give its password`,
      );
    try {
      await client.query(
        `CREATE ROLE ${id} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION NOINHERIT PASSWORD ${pg.escapeLiteral(password)}`,
      );
      return;
    } catch (error) {
      // Roles are cluster-wide: another database's migrator may have just created it.
      if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  }
  if (password && resetPassword)
    await client.query(`ALTER ROLE ${id} WITH LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
}

async function refuseAPowerfulRole(client: pg.Client, role: string) {
  // A schema's owner may drop what is in it; a table's owner may switch its triggers off; and
  // pg_write_all_data (PostgreSQL 14+) may write every table whatever was revoked.
  const { rows } = await client.query<{
    superuser: boolean;
    bypassrls: boolean;
    isOwner: boolean;
    writesAll: boolean;
    owned: string[];
  }>(
    `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls, r.rolname = current_user AS "isOwner",
            COALESCE((SELECT pg_has_role(r.oid, w.oid, 'MEMBER') FROM pg_roles w WHERE w.rolname = 'pg_write_all_data'), false) AS "writesAll",
            ARRAY(SELECT n.nspname::text FROM pg_namespace n WHERE n.nspname IN ('public', $2) AND pg_has_role(r.oid, n.nspowner, 'MEMBER')
                  UNION ALL
                  SELECT (n.nspname || '.' || c.relname)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname IN ('public', $2) AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND pg_has_role(r.oid, c.relowner, 'MEMBER')
                  LIMIT 5) AS owned
       FROM pg_roles r WHERE r.rolname = $1`,
    [role, BOSS_SCHEMA],
  );
  const r = rows[0]!;
  const problem = r.isOwner
    ? 'is the role that owns the database objects'
    : r.superuser
      ? 'is a superuser'
      : r.bypassrls
        ? 'bypasses row-level security'
        : r.writesAll
          ? 'is a member of pg_write_all_data'
          : r.owned.length
            ? `owns (or is a member of the owner of) ${r.owned.join(', ')}`
            : null;
  if (problem)
    throw new Error(
      `the portal's database role "${role}" ${problem}: grants cannot keep it from rewriting the audit log. Give the portal a role of its own (README, "Database roles").`,
    );
}

async function retryConcurrentUpdate<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      // ALTER ROLE from two sessions at once: PostgreSQL's "tuple concurrently updated" (XX000).
      if (attempt >= 3 || !/tuple concurrently updated/.test((error as Error).message)) throw error;
    }
  }
}
