import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { connectorDefinition } from '@/server/connectors/registry.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { renderMapping, type TMapping, MAPPING_SOURCE_SELECT } from '@/server/modules/provisioning/index.ts';
import { assessMassChange, type TMassChange } from '@/server/modules/mass-change/index.ts';

/** The mapping an application provisions with: its own, or its connector's default when it has none. */
export function effectiveMapping(connectorType: ConnectorType, stored: unknown): TMapping {
  const own = (stored as { attributes?: Record<string, string> } | null)?.attributes;
  return own && Object.keys(own).length ? own : connectorDefinition(connectorType).defaultMapping;
}

const SAMPLE = 5;

/**
 * What a new attribute mapping does to the accounts an application holds now (docs/decisions/065):
 * for every person with a live account, the attributes rendered with the mapping as it is and as it
 * would be. `changed` counts the people whose account would be written; `emptied` those who would
 * lose a value (an attribute dropped from the mapping, or rendering empty), which is how a mapping
 * takes access away (an email or group attribute a target signs in or decides by). The guard
 * decides on `changed`: a mapping edit rewrites every account it touches at once.
 */
export async function assessMappingChange(
  db: TDb,
  application: { id: string; connectorType: ConnectorType; attributeMapping: unknown },
  next: Record<string, string>,
) {
  const before = effectiveMapping(application.connectorType, application.attributeMapping);
  const after = Object.keys(next).length
    ? next
    : connectorDefinition(application.connectorType).defaultMapping;
  const accounts = await db.account.findMany({
    where: {
      applicationId: application.id,
      status: { not: 'DELETED' },
      identityId: { not: null },
      identity: { status: { not: 'TERMINATED' } },
    },
    select: {
      identity: {
        select: {
          id: true,
          ...MAPPING_SOURCE_SELECT,
        },
      },
    },
    orderBy: { username: 'asc' },
  });
  let changed = 0;
  let emptied = 0;
  const sample: Array<{ id: string; displayName: string }> = [];
  for (const { identity } of accounts) {
    if (!identity) continue;
    const source = { ...identity, attributes: (identity.attributes ?? {}) as Record<string, unknown> };
    let old: Record<string, string | null>;
    let now: Record<string, string | null>;
    try {
      old = renderMapping(before, source);
      now = renderMapping(after, source);
    } catch (error) {
      throw new AppError(
        'INVALID_INPUT',
        `The mapping cannot be rendered for ${identity.displayName}: ${(error as Error).message}`,
        { field: 'attributeMapping' },
      );
    }
    const names = new Set([...Object.keys(old), ...Object.keys(now)]);
    const differs = [...names].some((n) => (old[n] ?? null) !== (now[n] ?? null));
    if (!differs) continue;
    changed += 1;
    if ([...names].some((n) => old[n] != null && now[n] == null)) emptied += 1;
    if (sample.length < SAMPLE) sample.push({ id: identity.id, displayName: identity.displayName });
  }
  const massChange: TMassChange = await assessMassChange(db, changed);
  return { accounts: accounts.length, changed, emptied, sample, massChange };
}
