import type { TDb } from '@/server/db/client.ts';

export type TDatabaseRoleCheck = {
  /** The role the portal connects as. */
  role: string;
  superuser: boolean;
  /** It could change or delete audit events or their seals (owner, superuser or a grant too many). */
  canRewriteAudit: boolean;
  /** What to do about it, or null when the role is as it should be. */
  warning: string | null;
};

/**
 * Whether the portal's own connection could rewrite the audit trail. The hash chain still shows a
 * rewrite, but only a role that cannot make one keeps the trail intact (docs/decisions/051).
 */
export async function checkDatabaseRole(db: TDb): Promise<TDatabaseRoleCheck> {
  const [row] = await db.$queryRaw<Array<{ role: string; superuser: boolean; canRewriteAudit: boolean }>>`
    SELECT current_user::text AS role, r.rolsuper AS superuser,
           r.rolsuper OR EXISTS (
             SELECT 1 FROM unnest(ARRAY['"AuditEvent"', '"AuditSeal"', '"AuditVerification"']) AS t(name)
              WHERE has_table_privilege(t.name, 'UPDATE') OR has_table_privilege(t.name, 'DELETE') OR has_table_privilege(t.name, 'TRUNCATE')
                 OR pg_has_role((SELECT relowner FROM pg_class WHERE oid = t.name::regclass), 'MEMBER')
           ) AS "canRewriteAudit"
      FROM pg_roles r WHERE r.rolname = current_user`;
  const { role, superuser, canRewriteAudit } = row!;
  const warning = canRewriteAudit
    ? `The portal connects to PostgreSQL as "${role}", which ${superuser ? 'is a superuser and ' : ''}can change or delete audit events: ` +
      'the audit log shows tampering but does not prevent it. Connect the web app and the worker as a role of their own ' +
      '(DATABASE_URL) and migrate as the owner (DATABASE_OWNER_URL, npm run db:migrate grants the rest): README, "Database roles".'
    : null;
  return { role, superuser, canRewriteAudit, warning };
}
