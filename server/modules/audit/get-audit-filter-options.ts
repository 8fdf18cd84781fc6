import type { TDb } from '@/server/db/client.ts';
import {
  actionsInGroup,
  AUDIT_ACTIONS,
  AUDIT_GROUPS,
  type TAuditEntityType,
  type TAuditGroup,
} from './audit-actions.ts';
import { loadAuditNames } from './load-audit-names.ts';

/**
 * What the audit log's filters offer: the actions by group with their labels, the applications, and
 * the names of the people and the object a link or a saved URL filters by (it holds only ids).
 */
export async function getAuditFilterOptions(
  db: TDb,
  input: { personIds: string[]; object?: { type: TAuditEntityType; id: string } },
) {
  const [applications, names] = await Promise.all([
    db.application.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    loadAuditNames(db, [
      ...input.personIds.map((id) => ({
        action: '',
        actorType: 'USER',
        actorId: id,
        entityType: 'Identity',
        entityId: id,
        subjectId: null,
        before: null,
        after: null,
        metadata: null,
      })),
      ...(input.object
        ? [
            {
              action: '',
              actorType: 'USER',
              actorId: null,
              entityType: input.object.type,
              entityId: input.object.id,
              subjectId: null,
              before: null,
              after: null,
              metadata: null,
            },
          ]
        : []),
    ]),
  ]);
  const objectName = input.object
    ? (names.entity(input.object.type, input.object.id)?.name ??
      (input.object.type === 'Identity' ? names.person(input.object.id) : undefined) ??
      null)
    : null;
  return {
    groups: (Object.keys(AUDIT_GROUPS) as TAuditGroup[]).map((group) => ({
      key: group,
      label: AUDIT_GROUPS[group],
      actions: actionsInGroup(group).map((name) => ({ name, label: AUDIT_ACTIONS[name].label })),
    })),
    applications,
    people: input.personIds.flatMap((id) => {
      const name = names.person(id);
      return name ? [{ id, displayName: name }] : [];
    }),
    object: input.object ? { ...input.object, name: objectName } : null,
  };
}
