import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { nameAccount, nameLimit, pickUsername } from './account-naming.ts';
import { missingRequiredAttributes, parseAccountRules, type TAccountRulesConfig } from './account-rules.ts';
import {
  MAPPING_SOURCE_SELECT,
  renderMapping,
  renderTemplate,
  SAMPLE_PERSON,
  type TMappingSource,
} from './attribute-mapping.ts';
import { applicationMapping } from './application-mapping.ts';
import { targetLimits } from './target-limits.ts';

/** Every application with its account creation rules. */
export async function listAccountRules(db: TDb) {
  const apps = await db.application.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, connectorType: true, accountRules: true, enabled: true },
  });
  return apps.map((a) => ({
    id: a.id,
    name: a.name,
    connectorType: a.connectorType,
    enabled: a.enabled,
    rules: parseAccountRules(a.accountRules),
  }));
}

/**
 * Saves an application's account creation rules (other keys of accountRules are kept). Templates are
 * checked by rendering them. Existing accounts keep their names; the rules apply to new accounts.
 */
export async function saveAccountRules(
  db: TDb,
  actor: TUserActor,
  input: { applicationId: string; rules: TAccountRulesConfig },
) {
  for (const [field, label] of [
    ['usernameTemplate', 'Username template'],
    ['fallbackTemplate', 'Fallback template'],
  ] as const) {
    const template = input.rules[field];
    if (!template) continue;
    try {
      renderTemplate(template, SAMPLE_PERSON);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `${label}: ${(error as Error).message}`, { field });
    }
  }
  return inTransaction(
    db,
    async (tx) => {
      const app = await tx.application.findUnique({
        where: { id: input.applicationId },
        select: { accountRules: true },
      });
      if (!app) throw new AppError('NOT_FOUND', 'No such application');
      const before = (app.accountRules ?? {}) as Record<string, unknown>;
      const rules = {
        ...before,
        ...input.rules,
        usernameTemplate: input.rules.usernameTemplate || undefined,
        fallbackTemplate: input.rules.fallbackTemplate || undefined,
      };
      await tx.application.update({
        where: { id: input.applicationId },
        data: { accountRules: rules as Prisma.InputJsonValue },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'application.account_rules_updated',
        entityType: 'Application',
        entityId: input.applicationId,
        before,
        after: rules,
      });
      return { id: input.applicationId };
    },
    REPEATABLE,
  );
}

/**
 * What the rules would make for a few real people: usernames (with collisions), the people the
 * fallback names and why, and refusals.
 */
export async function previewAccountRules(
  db: TDb,
  input: { applicationId: string; rules: TAccountRulesConfig; limit: number },
) {
  const app = await db.application.findUnique({
    where: { id: input.applicationId },
    select: { id: true, connectorType: true, attributeMapping: true },
  });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  const people = await db.identity.findMany({
    where: { status: { not: 'TERMINATED' } },
    orderBy: { createdAt: 'desc' },
    take: input.limit,
    select: {
      id: true,
      ...MAPPING_SOURCE_SELECT,
    },
  });
  // As if these people joined now: their own accounts do not count as taken, and are shown beside.
  const accounts = await db.account.findMany({
    where: { applicationId: app.id },
    select: { username: true, identityId: true },
  });
  const ids = new Set(people.map((p) => p.id));
  const existing = new Map(
    accounts.flatMap((a) =>
      a.identityId && ids.has(a.identityId) ? [[a.identityId, a.username] as const] : [],
    ),
  );
  const taken = new Set(
    accounts.filter((a) => !a.identityId || !ids.has(a.identityId)).map((a) => a.username),
  );
  const mapping = applicationMapping(app);
  const targetMax = targetLimits(app.connectorType)?.username;
  return people.map((p) => {
    const source: TMappingSource = { ...p, attributes: (p.attributes ?? {}) as Record<string, unknown> };
    const shown = { identityId: p.id, displayName: p.displayName, existing: existing.get(p.id) ?? null };
    try {
      const named = nameAccount(input.rules, source, targetMax);
      if (named.refused !== undefined)
        return { ...shown, username: null, fallback: null, missing: [], error: named.refused };
      const username = pickUsername(named.base, (c) => taken.has(c), nameLimit(input.rules, targetMax));
      taken.add(username);
      const missing = missingRequiredAttributes(input.rules, renderMapping(mapping, source), source);
      return { ...shown, username, fallback: named.fallback, missing, error: null };
    } catch (error) {
      return { ...shown, username: null, fallback: null, missing: [], error: (error as Error).message };
    }
  });
}
