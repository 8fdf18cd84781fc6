import crypto from 'node:crypto';
import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { DEMO_SETTING_KEY } from '@/server/auth/demo-mode.ts';
import { ACTOR_SELECT, actorOf } from '@/server/auth/load-actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { applicationSecretBinding, encryptSecret, parseSecretKey } from '@/server/lib/secret-box.ts';
import { recomputeBirthright } from '@/server/modules/birthright/index.ts';
import {
  applyJobs,
  type ConnectorCache,
  planAccess,
  type TPlannedOperation,
} from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import {
  ACME_BIRTHRIGHT_RULES,
  ACME_EXISTING_REQUESTS,
  ACME_GROUPS,
  ACME_MANUAL_APPLICATION,
  ACME_PEOPLE,
} from './acme.ts';
import { defaultPolicyDn } from '@/server/infra/slapd.ts';
import { ensureDirectoryTree, ensureGroup, type TDirectoryAdmin } from './directory-setup.ts';
import { followDemoServers } from './follow-demo-servers.ts';
import { seedHrSources } from './hr-demo.ts';
import { runDatabaseSource } from '@/server/modules/sources/index.ts';
import { seedGovernance } from './seed-governance.ts';
import { createApprovedRequest } from './approved-request.ts';
import { seedReviews } from './seed-reviews.ts';

export type TSeedDemoDeps = {
  db: TPrisma;
  queue: TJobQueue;
  connectors: ConnectorCache;
  secretKey: string;
  /** The directory the demo provisions into, and the account Gatehouse binds with. */
  directory: TDirectoryAdmin & { baseDn: string; reachable: boolean };
  /**
   * The demo database as the portal's role (its `hr` schema stands in for the HR system, and the HR
   * source reads it with this URL) and the launcher's data folder. `db` is the owner's connection.
   */
  databaseUrl?: string;
  /** The owner's URL: older demos gave it to the HR source, which now moves to `databaseUrl`. */
  databaseOwnerUrl?: string;
  dataDir?: string;
  log: (message: string) => void;
};

const DAY_MS = 86_400_000;

/**
 * Creates Acme on an empty database, then provisions everyone's starting access into the directory
 * through the real engine (birthright rules, planAccess, the LDAP connector). Refuses to touch a
 * database that holds people but was not created by this seed.
 */
export async function seedDemo(deps: TSeedDemoDeps): Promise<'seeded' | 'already-seeded'> {
  const { db, log } = deps;
  if (await db.systemSetting.findUnique({ where: { key: DEMO_SETTING_KEY } })) {
    for (const change of await followDemoServers(db, {
      directoryUrl: deps.directory.url,
      databaseUrl: deps.databaseUrl,
      databaseOwnerUrl: deps.databaseOwnerUrl,
      secretKey: deps.secretKey,
    }))
      log(`A demo server moved: ${change}.`);
    return 'already-seeded';
  }
  if ((await db.identity.count()) > 0)
    throw new Error('This database already holds people and is not a demo database: refusing to seed it.');

  const base = deps.directory.baseDn;
  const groupDns = new Map<string, string>();
  if (deps.directory.reachable) {
    await ensureDirectoryTree(deps.directory, base);
    for (const g of ACME_GROUPS)
      groupDns.set(g.cn, await ensureGroup(deps.directory, base, g.cn, g.description));
  } else {
    for (const g of ACME_GROUPS) groupDns.set(g.cn, `cn=${g.cn},ou=groups,${base}`);
  }

  const actor = systemActor('SEED');
  const now = new Date();
  const ids = new Map<string, string>();
  const entitlementIds = new Map<string, string>();
  await db.$transaction(
    async (tx) => {
      for (const [i, person] of ACME_PEOPLE.entries()) {
        const created = await tx.identity.create({
          data: {
            username: person.username,
            employeeNumber: `E${String(1001 + i)}`,
            email: `${person.username}@acme.test`,
            firstName: person.firstName,
            lastName: person.lastName,
            displayName: person.displayName ?? `${person.firstName} ${person.lastName}`,
            department: person.department,
            title: person.title,
            location: person.location,
            costCenter: person.costCenter,
            employmentType: person.employmentType ?? 'EMPLOYEE',
            startDate: new Date(now.getTime() - (400 + i * 17) * DAY_MS),
            origin: 'SEED',
            portalRoles: person.roles?.length
              ? { create: person.roles.map((role) => ({ role })) }
              : undefined,
          },
          select: { id: true },
        });
        ids.set(person.username, created.id);
      }
      for (const person of ACME_PEOPLE.filter((x) => x.manager)) {
        await tx.identity.update({
          where: { id: ids.get(person.username)! },
          data: { managerId: ids.get(person.manager!)! },
        });
      }
      await tx.team.create({
        data: {
          key: 'security-reviewers',
          name: 'Security reviewers',
          description: 'Review high-risk access.',
          purpose: 'SECURITY',
          members: { create: ['sam', 'ivy'].map((u) => ({ identityId: ids.get(u)! })) },
        },
      });
      const desk = await tx.team.create({
        data: {
          key: 'it-service-desk',
          name: 'IT service desk',
          description: 'Fulfils access by hand where no connector exists.',
          purpose: 'FULFILMENT',
          members: { create: [{ identityId: ids.get('ivy')! }] },
        },
      });
      const directoryId = crypto.randomUUID();
      const app = await tx.application.create({
        data: {
          id: directoryId,
          key: 'corporate-directory',
          name: 'Corporate Directory',
          description: 'Acme’s OpenLDAP directory: accounts and groups used by internal tools.',
          connectorType: 'LDAP',
          // The embedded slapd's default password policy: OpenLDAP 2.5 does not say which applies to an entry.
          config: {
            url: deps.directory.url,
            bindDn: deps.directory.bindDn,
            baseDn: base,
            disable: { method: 'lockAttribute' },
            passwordPolicyDn: defaultPolicyDn(base),
          },
          secrets: encryptSecret(
            JSON.stringify({ bindPassword: deps.directory.bindPassword }),
            parseSecretKey(deps.secretKey),
            applicationSecretBinding(directoryId),
          ),
          onDelete: 'DISABLE',
          ownerId: ids.get('ivy')!,
          fulfilmentTeamId: desk.id,
          concurrency: 8,
        },
      });
      for (const g of ACME_GROUPS) {
        const e = await tx.entitlement.create({
          data: {
            applicationId: app.id,
            externalId: groupDns.get(g.cn)!,
            name: g.name,
            description: g.description,
            ownerId: ids.get(g.owner)!,
            risk: g.risk,
            requestable: g.requestable ?? true,
            maxDurationDays: g.maxDurationDays ?? null,
          },
        });
        entitlementIds.set(g.cn, e.id);
      }
      const cards = await tx.application.create({
        data: {
          key: ACME_MANUAL_APPLICATION.key,
          name: ACME_MANUAL_APPLICATION.name,
          description: ACME_MANUAL_APPLICATION.description,
          connectorType: 'MANUAL',
          config: {
            slaHours: ACME_MANUAL_APPLICATION.slaHours,
            instructions: ACME_MANUAL_APPLICATION.instructions,
          },
          onDelete: 'DISABLE',
          ownerId: ids.get('ivy')!,
          fulfilmentTeamId: desk.id,
        },
      });
      for (const m of ACME_MANUAL_APPLICATION.entitlements) {
        const e = await tx.entitlement.create({
          data: {
            applicationId: cards.id,
            externalId: m.cn,
            name: m.name,
            description: m.description,
            ownerId: ids.get(m.owner)!,
            risk: m.risk,
          },
        });
        entitlementIds.set(m.cn, e.id);
      }
      for (const rule of ACME_BIRTHRIGHT_RULES) {
        await tx.birthrightRule.create({
          data: {
            name: rule.name,
            description: rule.description,
            condition: rule.condition,
            grants: { create: rule.groups.map((cn) => ({ entitlementId: entitlementIds.get(cn)! })) },
          },
        });
      }
      await seedGovernance(tx, ids, entitlementIds);
      for (const r of ACME_EXISTING_REQUESTS.filter((x) => !x.afterSetUp))
        await createApprovedRequest(tx, r, { ids, entitlementIds, now });
      await seedReviews(tx, ids, entitlementIds, now);
      await tx.systemSetting.create({
        data: { key: DEMO_SETTING_KEY, value: { name: 'Acme', seededAt: now.toISOString() } },
      });
    },
    { timeout: 120_000 },
  );

  const all = [...ids.values()];
  const planned = await db.$transaction(
    async (tx) => {
      await recomputeBirthright(tx, all, actor, { now });
      const setUp = await planAccess(tx, all, { reason: 'SEED', actor }, { queue: deps.queue, now });
      // Then what was approved this morning, planned as its approval plans it (finalizeApproval).
      const approved: TPlannedOperation[] = [];
      for (const r of ACME_EXISTING_REQUESTS.filter((x) => x.afterSetUp)) {
        const request = await createApprovedRequest(tx, r, { ids, entitlementIds, now });
        // By its approver, as finalizeApproval plans with the deciding person: the plan's audit and the
        // tasks it makes name who approved, not the seed.
        const approver = actorOf(
          await tx.identity.findUniqueOrThrow({ where: { id: ids.get(r.approver)! }, select: ACTOR_SELECT }),
        );
        approved.push(
          ...(await planAccess(
            tx,
            [request.beneficiaryId],
            { reason: 'REQUEST_APPROVED', actor: approver, ref: `request:${request.id}` },
            { queue: deps.queue, now },
          )),
        );
      }
      return [...setUp, ...approved];
    },
    { timeout: 120_000 },
  );
  await seedHrSources(db, {
    secretKey: deps.secretKey,
    databaseUrl: deps.databaseUrl,
    dataDir: deps.dataDir,
    now,
  });
  await firstHrSync(deps, actor);
  log(
    `Acme created: ${ids.size} people, ${ACME_GROUPS.length} groups, ${planned.length} provisioning operations.`,
  );
  if (!deps.directory.reachable) {
    log('The directory is unreachable: the worker will provision it once it is up.');
    return 'seeded';
  }
  // Give every person their entry before the portal opens: apply the plan now, account by account
  // in order, accounts side by side. The queued jobs then find their operations done.
  const byAccount = new Map<string, string[]>();
  for (const op of planned) byAccount.set(op.accountId, [...(byAccount.get(op.accountId) ?? []), op.id]);
  const verdicts = await applyJobs(
    db,
    [...byAccount].map(([accountId, operationIds]) => ({
      jobId: accountId,
      operationIds,
      retryCount: 0,
      retryLimit: 5,
    })),
    { connectors: deps.connectors, queue: deps.queue },
  );
  const failed = [...verdicts.values()].filter((v) => v !== 'completed').length;
  log(
    failed
      ? `${failed} accounts are not fully provisioned yet; the worker will retry them.`
      : 'Every person has their directory entry and groups.',
  );
  return 'seeded';
}

/**
 * The seed made Acme's people as the HR database describes them; one sync now, by the demo set-up,
 * links each to their HR record (and changes nothing else), so the demo opens as a portal that has
 * synced, instead of showing no source for anyone until the hourly cron comes due.
 */
async function firstHrSync(deps: TSeedDemoDeps, actor: TActor): Promise<void> {
  if (!deps.databaseUrl) return;
  const source = await deps.db.identitySource.findUniqueOrThrow({
    where: { key: 'hr-database' },
    select: { id: true },
  });
  await runDatabaseSource(
    deps.db,
    source.id,
    { actor, trigger: 'MANUAL' },
    { queue: deps.queue, secretKey: parseSecretKey(deps.secretKey) },
  );
}
