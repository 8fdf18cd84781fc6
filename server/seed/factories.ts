import crypto from 'node:crypto';
import type { Prisma } from '@/server/db/client.ts';
import type { TDb } from '@/server/db/client.ts';
import { applicationSecretBinding, encryptSecret, parseSecretKey } from '@/server/lib/secret-box.ts';
import type {
  ConnectorType,
  EmploymentType,
  IdentityStatus,
  PortalRole,
  RiskLevel,
} from '@/prisma/generated/enums.ts';

/**
 * The one set of factories behind the demo seed, the integration tests and the e2e fixtures.
 * Each takes overrides and fills the rest with plausible values.
 */
let counter = 0;
const nextId = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export type TIdentityOverrides = Partial<{
  username: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  employeeNumber: string | null;
  department: string | null;
  title: string | null;
  location: string | null;
  costCenter: string | null;
  employmentType: EmploymentType;
  status: IdentityStatus;
  startDate: Date | null;
  endDate: Date | null;
  managerId: string | null;
  origin: string;
  portalRoles: PortalRole[];
}>;

export async function createIdentity(db: TDb, o: TIdentityOverrides = {}) {
  const suffix = nextId();
  const firstName = o.firstName ?? 'Test';
  const lastName = o.lastName ?? `Person ${suffix}`;
  const username = o.username ?? `user.${suffix}`;
  const identity = await db.identity.create({
    data: {
      username,
      firstName,
      lastName,
      displayName: o.displayName ?? `${firstName} ${lastName}`,
      email: o.email ?? `${username}@acme.test`,
      employeeNumber: o.employeeNumber === undefined ? `E${suffix}` : o.employeeNumber,
      department: o.department === undefined ? 'Engineering' : o.department,
      title: o.title === undefined ? 'Engineer' : o.title,
      location: o.location === undefined ? 'London' : o.location,
      costCenter: o.costCenter ?? null,
      employmentType: o.employmentType ?? 'EMPLOYEE',
      status: o.status ?? 'ACTIVE',
      startDate: o.startDate ?? null,
      endDate: o.endDate ?? null,
      managerId: o.managerId ?? null,
      origin: o.origin ?? 'SEED',
      portalRoles: o.portalRoles?.length ? { create: o.portalRoles.map((role) => ({ role })) } : undefined,
    },
  });
  return identity;
}

export type TApplicationOverrides = Partial<{
  key: string;
  name: string;
  description: string;
  connectorType: ConnectorType;
  config: Prisma.InputJsonValue;
  secrets: Record<string, string>;
  secretKey: string;
  onDelete: 'DELETE' | 'DISABLE' | 'UPDATE';
  ownerId: string | null;
  concurrency: number;
  attributeMapping: Prisma.InputJsonValue;
}>;

export async function createApplication(db: TDb, o: TApplicationOverrides = {}) {
  const suffix = nextId();
  const id = crypto.randomUUID();
  const secrets =
    o.secrets && o.secretKey
      ? encryptSecret(JSON.stringify(o.secrets), parseSecretKey(o.secretKey), applicationSecretBinding(id))
      : null;
  return db.application.create({
    data: {
      id,
      key: o.key ?? `app-${suffix}`,
      name: o.name ?? `Application ${suffix}`,
      description: o.description ?? '',
      connectorType: o.connectorType ?? 'LDAP',
      config: o.config ?? {},
      secrets,
      onDelete: o.onDelete ?? 'DISABLE',
      ownerId: o.ownerId ?? null,
      concurrency: o.concurrency ?? 4,
      attributeMapping: o.attributeMapping ?? {},
    },
  });
}

export type TEntitlementOverrides = Partial<{
  externalId: string;
  name: string;
  description: string;
  ownerId: string | null;
  risk: RiskLevel;
  requestable: boolean;
  maxDurationDays: number | null;
}>;

export async function createEntitlement(db: TDb, applicationId: string, o: TEntitlementOverrides = {}) {
  const suffix = nextId();
  return db.entitlement.create({
    data: {
      applicationId,
      externalId: o.externalId ?? `cn=group-${suffix}`,
      name: o.name ?? `Group ${suffix}`,
      description: o.description ?? 'A group for tests',
      ownerId: o.ownerId ?? null,
      risk: o.risk ?? 'LOW',
      requestable: o.requestable ?? true,
      maxDurationDays: o.maxDurationDays ?? null,
    },
  });
}

export async function createGrant(
  db: TDb,
  o: {
    identityId: string;
    entitlementId?: string;
    roleId?: string;
    source?: 'REQUEST' | 'BIRTHRIGHT' | 'ADMIN' | 'SEED';
    sourceRef?: string;
    endsAt?: Date | null;
    startsAt?: Date;
  },
) {
  return db.grant.create({
    data: {
      identityId: o.identityId,
      entitlementId: o.entitlementId ?? null,
      roleId: o.roleId ?? null,
      source: o.source ?? 'ADMIN',
      sourceRef: o.sourceRef ?? null,
      endsAt: o.endsAt ?? null,
      ...(o.startsAt ? { startsAt: o.startsAt } : {}),
    },
  });
}

export async function createTeam(
  db: TDb,
  o: { key?: string; name?: string; purpose?: string; memberIds: string[] },
) {
  const suffix = nextId();
  return db.team.create({
    data: {
      key: o.key ?? `team-${suffix}`,
      name: o.name ?? `Team ${suffix}`,
      purpose: o.purpose ?? 'APPROVERS',
      members: { create: o.memberIds.map((identityId) => ({ identityId })) },
    },
  });
}

export async function createRole(
  db: TDb,
  o: {
    entitlementIds: string[];
    key?: string;
    name?: string;
    risk?: RiskLevel;
    ownerId?: string | null;
    requestable?: boolean;
    maxDurationDays?: number | null;
  },
) {
  const suffix = nextId();
  return db.role.create({
    data: {
      key: o.key ?? `role-${suffix}`,
      name: o.name ?? `Role ${suffix}`,
      description: 'A role for tests',
      risk: o.risk ?? 'LOW',
      ownerId: o.ownerId ?? null,
      requestable: o.requestable ?? true,
      maxDurationDays: o.maxDurationDays ?? null,
      entitlements: { create: o.entitlementIds.map((entitlementId) => ({ entitlementId })) },
    },
  });
}

/** `stages` is a ZApprovalPolicyStages value (server/modules/approvals/approval-policy-schema.ts). */
export async function createApprovalPolicy(
  db: TDb,
  o: { stages: Prisma.InputJsonValue; key?: string; name?: string; defaultForRisk?: RiskLevel | null },
) {
  const suffix = nextId();
  return db.approvalPolicy.create({
    data: {
      key: o.key ?? `policy-${suffix}`,
      name: o.name ?? `Policy ${suffix}`,
      stages: o.stages,
      defaultForRisk: o.defaultForRisk ?? null,
    },
  });
}

type TSodSideItem = { entitlementId?: string; roleId?: string };

export async function createSodRule(
  db: TDb,
  o: {
    sideA: TSodSideItem[];
    sideB: TSodSideItem[];
    name?: string;
    severity?: 'BLOCK' | 'MITIGATABLE';
    enabled?: boolean;
  },
) {
  const suffix = nextId();
  const item = (side: 'A' | 'B') => (i: TSodSideItem) => ({
    side,
    entitlementId: i.entitlementId ?? null,
    roleId: i.roleId ?? null,
  });
  return db.sodRule.create({
    data: {
      name: o.name ?? `Rule ${suffix}`,
      severity: o.severity ?? 'BLOCK',
      enabled: o.enabled ?? true,
      items: { create: [...o.sideA.map(item('A')), ...o.sideB.map(item('B'))] },
    },
  });
}
