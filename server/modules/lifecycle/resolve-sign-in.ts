import type { TDb, TPrisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { groupsFromClaims, rolesFromGroups, type TRoleGroups } from '@/server/auth/portal-role-groups.ts';
import { syncPortalRoles } from '@/server/modules/identities/index.ts';
import { ingestSourceRecords } from './ingest-source-records.ts';
import type { TSourceRecord } from './source-record.ts';

export type TSignInClaims = {
  provider: string;
  subject: string;
  email: string | null;
  claims: Record<string, unknown>;
};

export type TSignInOptions = {
  /** Create unknown people from their claims (hybrid provisioning). */
  jit: boolean;
  usernameClaim: string;
  employeeNumberClaim?: string;
  /** Portal roles the IdP's groups decide (OIDC_ROLE_GROUPS), read from `groupsClaim`. */
  roleGroups?: TRoleGroups;
  groupsClaim?: string;
};

/**
 * Sign-ins feed the identity repository like a source, through the one ingestion path. Its
 * precedence is the lowest there is, so HR (and the IdP's SCIM feed) override what a token said as
 * soon as they correlate the person.
 */
export const JIT_SOURCE = {
  key: 'oidc-jit',
  name: 'Sign-in (OIDC, just in time)',
  precedence: 1000,
} as const;

type TSignedIn = { id: string; sessionVersion: number };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

async function ensureJitSource(db: TDb): Promise<{ id: string }> {
  return db.identitySource.upsert({
    where: { key: JIT_SOURCE.key },
    create: {
      key: JIT_SOURCE.key,
      name: JIT_SOURCE.name,
      kind: 'SCIM',
      precedence: JIT_SOURCE.precedence,
      config: { justInTime: true },
    },
    update: {},
    select: { id: true },
  });
}

/** The identity, if they may sign in now (canAct: a suspended person, a pre-hire or a leaver may not). */
async function active(db: TDb, id: string | null | undefined): Promise<TSignedIn | null> {
  if (!id) return null;
  const identity = await db.identity.findUnique({
    where: { id },
    select: { id: true, sessionVersion: true, status: true },
  });
  return identity && canAct(identity.status)
    ? { id: identity.id, sessionVersion: identity.sessionVersion }
    : null;
}

/**
 * Which identity an OIDC sign-in is: the one this subject signed in as before, else the person with
 * this email, else (just in time) a new person made from the claims. Only someone who may act (canAct) is signed in,
 * and an email the IdP says is unverified never matches anyone. Where the IdP's groups decide
 * portal roles, the person's roles follow the token's groups at every sign-in.
 */
export async function resolveSignIn(
  db: TPrisma,
  input: TSignInClaims,
  options: TSignInOptions,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TSignedIn | null> {
  const signedIn = await resolveIdentity(db, input, options, deps);
  if (signedIn && options.roleGroups) {
    await syncPortalRoles(
      db,
      signedIn.id,
      rolesFromGroups(groupsFromClaims(input.claims, options.groupsClaim ?? 'groups'), options.roleGroups),
    );
  }
  return signedIn;
}

/**
 * The identity a sign-in that resolveSignIn accepted is linked to (for the session token, issued
 * right after): no second resolution, role sync or ingestion.
 */
export async function signedInIdentity(db: TDb, input: TSignInClaims): Promise<TSignedIn | null> {
  const link = await db.sourceRecord.findFirst({
    where: { source: { key: JIT_SOURCE.key }, externalId: jitExternalId(input) },
    select: { identityId: true },
  });
  return active(db, link?.identityId);
}

// The issuer is part of the key: two IdPs may hand out the same subject.
const jitExternalId = (input: TSignInClaims) =>
  `${text(input.claims.iss) ?? input.provider}|${input.subject}`;

async function resolveIdentity(
  db: TPrisma,
  input: TSignInClaims,
  options: TSignInOptions,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TSignedIn | null> {
  if (!input.subject || input.claims.email_verified === false) return null;
  const source = await ensureJitSource(db);
  const externalId = jitExternalId(input);
  const link = await db.sourceRecord.findUnique({
    where: { sourceId_externalId: { sourceId: source.id, externalId } },
    select: { identityId: true },
  });
  if (link?.identityId) return active(db, link.identityId);

  const email = text(input.email)?.toLowerCase();
  if (!email) return null;
  const known = await db.identity.findFirst({
    where: { email: { equals: email, mode: 'insensitive' } },
    select: { id: true, email: true, status: true },
  });
  if (!known && !options.jit) return null;
  // Refused before anything is written: a suspended person or a pre-hire gets no link either.
  if (known && !canAct(known.status)) return null;

  // A known person gets only the link (the token's other claims would override nothing anyway); a new
  // one is made from the claims.
  const name = {
    given: text(input.claims.given_name),
    family: text(input.claims.family_name),
    full: text(input.claims.name),
  };
  const record: TSourceRecord = known
    ? { externalId, email: known.email }
    : {
        externalId,
        email,
        username: text(input.claims[options.usernameClaim])?.split('@')[0] ?? email.split('@')[0],
        firstName: name.given ?? name.full?.split(' ')[0],
        lastName:
          name.family ?? (name.full?.includes(' ') ? name.full.slice(name.full.indexOf(' ') + 1) : undefined),
        displayName: name.full,
        // Never `active`: a sign-in must not bring back someone correlation finds among leavers.
        employeeNumber: options.employeeNumberClaim
          ? text(input.claims[options.employeeNumberClaim])
          : undefined,
      };
  const [outcome] = await ingestSourceRecords(db, { id: source.id, origin: 'JIT' }, [record], {
    queue: deps.queue,
    now: deps.now,
  });
  return active(db, outcome?.identityId);
}
