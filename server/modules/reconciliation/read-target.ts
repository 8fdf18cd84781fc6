import type { TDb } from '@/server/db/client.ts';
import type {
  TConnector,
  TListOptions,
  TPage,
  TTargetAccount,
  TTargetEntitlement,
  TTargetGrant,
} from '@/server/connectors/sdk/connector.ts';
import {
  closeUnseen,
  insertObservedAccounts,
  insertObservedMemberships,
  keptAttributes,
  openMembershipPeriods,
  settleMembershipPeriods,
  observedIdsByNativeId,
  knownObservedAccounts,
  markAccountsGone,
  readDigest,
  upsertObservedAccounts,
  upsertObservedMemberships,
  type TReadCoverage,
} from './observed-state-store.ts';
import type { TAccountLinker } from './correlate-observed-accounts.ts';
import { MembershipsByAccount } from './memberships-by-account.ts';
import type { TObservedRow } from './reconciliation-states.ts';

/** Entries per listing call, for connectors read page by page (those without a stream). */
export const READ_PAGE_SIZE = 25_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TReadScope =
  /** Every account and membership: what is not seen is gone. */
  | { kind: 'FULL' }
  /** What changed at or after `since` (accounts, and changed groups read whole). */
  | { kind: 'CHANGED'; since: Date }
  /** These accounts (nativeId or stableId) and their memberships; `observedAccountIds` as known before. */
  | { kind: 'ACCOUNTS'; accounts: string[]; observedAccountIds: string[] };

export type TReadInput = {
  run: { id: string; applicationId: string };
  connector: TConnector;
  scope: TReadScope;
  now: Date;
  /** Attributes kept from what is read: lower-case name -> the name the mapping uses. */
  keep: ReadonlyMap<string, string>;
  /** Links accounts as read to their planned Accounts, batch by batch (plannedAccountLinker). */
  link: TAccountLinker;
  /** The catalog's entitlement for an id the target lists (matched by entitlementKey), if any. */
  entitlementIdOf: (externalId: string) => string | undefined;
  /** Loads started before the read, to finish before the target is read (see the preloads). */
  loadedFirst?: Promise<unknown>;
  /** Called after every page with the counters so far (the run's progress). */
  progress: (counters: {
    accountsRead: number;
    membershipsRead: number;
    entitlementsRead: number;
  }) => Promise<void>;
};

export type TReadResult = {
  accountsRead: number;
  membershipsRead: number;
  entitlementsRead: number;
  /** The latest change time among the accounts and groups read (the target's clock), for the next watermark. */
  latestChange: Date | null;
  /** Observed accounts this run read, and entitlements whose members it read whole. */
  readAccountIds: Set<string>;
  readEntitlementIds: Set<string>;
  /** Memberships in groups the catalog does not hold, and members that are no account read. */
  unknownGroups: number;
  unknownMembers: number;
  membershipsEnded: number;
  accountsGone: number;
  /** Rows written: a steady-state full run writes only what changed. */
  written: { accounts: number; memberships: number };
  /** Milliseconds spent reading the target and writing what was read, by step. */
  timings: Record<string, number>;
  /**
   * A full read's observed state as it left it (every account not gone, its open memberships), so
   * that the diff need not read back what was just read; links made afterwards (correlation) are
   * for the caller to add (observedLinksOf). Null for a partial read.
   */
  observed: TObservedRow[] | null;
};

/**
 * Reads an application's target into its observed state, batch by batch: accounts first (by stable
 * id), then memberships (periods opened), then closes what the read covered and did not see. A full
 * read writes only what changed (docs/decisions/063). Nothing here decides what is right; the diff
 * does that afterwards.
 */
export async function readTargetIntoObserved(db: TDb, input: TReadInput): Promise<TReadResult> {
  const { connector, scope, run } = input;
  if (!connector.listAccounts || !connector.listGrants)
    throw new Error('this connector cannot list accounts and memberships');
  const at = { applicationId: run.applicationId, runId: run.id, now: input.now };
  // Only the kept attributes are asked for: the rest would be read and decoded to be dropped.
  const attributes = [...input.keep.values()];
  const options: TListOptions = {
    attributes,
    ...(scope.kind === 'CHANGED' ? { changedSince: scope.since } : {}),
    ...(scope.kind === 'ACCOUNTS' ? { accounts: scope.accounts } : {}),
  };
  const result: TReadResult = {
    accountsRead: 0,
    membershipsRead: 0,
    entitlementsRead: 0,
    latestChange: null,
    readAccountIds: new Set(),
    readEntitlementIds: new Set(),
    unknownGroups: 0,
    unknownMembers: 0,
    membershipsEnded: 0,
    accountsGone: 0,
    written: { accounts: 0, memberships: 0 },
    timings: {},
    observed: null,
  };
  const timed = async <T>(step: string, work: Promise<T>): Promise<T> => {
    const from = Date.now();
    try {
      return await work;
    } finally {
      result.timings[step] = (result.timings[step] ?? 0) + Date.now() - from;
    }
  };
  const report = () =>
    input.progress({
      accountsRead: result.accountsRead,
      membershipsRead: result.membershipsRead,
      entitlementsRead: result.entitlementsRead,
    });

  const byNativeId = new Map<string, string>();
  // A person with no account to look for: nothing to read (an empty list would match everything).
  if (scope.kind === 'ACCOUNTS' && scope.accounts.length === 0) return result;
  // A full read compares what it reads with what was last written (by digest) and writes only what
  // changed; what it does not find is gone. The preloads (rows as arrays) finish before the target
  // is read: loaded beside the read, their parsing shared Node's one thread with the LDAP pages', and
  // at 100,000 accounts the two took far longer together than one after the other (docs/decisions/063,
  // third pass).
  const whole = scope.kind === 'FULL';
  const prior = whole ? timed('knownAccounts', knownObservedAccounts(db, run.applicationId)) : null;
  const openPeriods = whole ? timed('openPeriods', openMembershipPeriods(db, run.applicationId)) : null;
  await Promise.all([prior, openPeriods, input.loadedFirst]);
  const seen = new Set<string>();
  // A full read's accounts as the observed state will hold them, by stable id (the last reading wins).
  const asRead = whole
    ? new Map<string, Omit<TObservedRow, 'id' | 'memberships'> & { id: string | null }>()
    : null;
  const storeAccounts = async (items: TTargetAccount[]) => {
    const known = prior ? await prior : null;
    const changed: Parameters<typeof upsertObservedAccounts>[2] = [];
    // A full read's accounts with no row yet (none before the read, none written by it since).
    const fresh: typeof changed = [];
    const link = await input.link(known ? items.filter((a) => !known.get(a.stableId)?.accountId) : items);
    for (const a of items) {
      const read = { ...a, attributes: keptAttributes(a.attributes, input.keep) };
      const digest = readDigest(read);
      const was = known?.get(a.stableId);
      const isNew = known !== null && !was && !seen.has(a.stableId);
      seen.add(a.stableId);
      // A link once made is kept (the upsert never replaces one); an unlinked row may link now.
      const accountId = was?.accountId ? null : link(a);
      const unchanged = was && !was.gone && was.digest === digest && accountId === null;
      asRead?.set(a.stableId, {
        id: unchanged ? was.id : null,
        stableId: a.stableId,
        nativeId: a.nativeId,
        username: a.username,
        enabled: a.enabled,
        attributes: read.attributes,
        accountId: was?.accountId ?? accountId,
      });
      if (unchanged) {
        byNativeId.set(a.nativeId.toLowerCase(), was.id);
        result.readAccountIds.add(was.id);
      } else {
        (isNew ? fresh : changed).push({ ...read, digest, accountId });
      }
      const modified = a.modifiedAt ? new Date(a.modifiedAt) : null;
      if (modified && (!result.latestChange || modified > result.latestChange))
        result.latestChange = modified;
    }
    const stored = await timed(
      'storeAccounts',
      (async () => [
        ...(await insertObservedAccounts(db, at, fresh)),
        ...(await upsertObservedAccounts(db, at, changed)),
      ])(),
    );
    for (const s of stored) {
      byNativeId.set(s.nativeId.toLowerCase(), s.id);
      result.readAccountIds.add(s.id);
      const row = asRead?.get(s.stableId);
      if (row) row.id = s.id;
    }
    result.written.accounts += stored.length;
    result.accountsRead += items.length;
    await report();
  };
  const streamed = await timed(
    'listAccounts',
    readAll(
      connector.streamAccounts?.bind(connector),
      connector.listAccounts.bind(connector),
      options,
      HANDLERS.accounts,
      storeAccounts,
    ),
  );
  let gone: string[] = [];
  if (prior) {
    const known = await prior;
    const unseen = () =>
      [...known].flatMap(([stableId, k]) => (k.gone || seen.has(stableId) ? [] : [stableId]));
    // A streamed read may miss an entry moved while it ran: what it did not see is looked for by its
    // stable id before it is called gone.
    const missed = streamed ? unseen() : [];
    for (let i = 0; i < missed.length; i += 200) {
      await timed(
        'recheckAccounts',
        readAll(
          undefined,
          connector.listAccounts.bind(connector),
          { accounts: missed.slice(i, i + 200), attributes },
          HANDLERS.accounts,
          storeAccounts,
        ),
      );
    }
    gone = unseen().map((stableId) => known.get(stableId)!.id);
  }

  // The groups are listed too (a few per thousand accounts): a group's modifyTimestamp moves with
  // its members, so the next watermark must be after the latest of them as well. An incremental run
  // takes the changed groups from this listing, not from the memberships, so a group whose last
  // member left (it lists no membership) is still read whole and its periods closed.
  if (scope.kind !== 'ACCOUNTS' && connector.listEntitlements) {
    let groupCursor: string | null = null;
    do {
      const page: TPage<TTargetEntitlement> = await timed(
        'listGroups',
        connector.listEntitlements(
          groupCursor,
          READ_PAGE_SIZE,
          scope.kind === 'CHANGED' ? { changedSince: scope.since } : {},
        ),
      );
      for (const e of page.items) {
        const id = input.entitlementIdOf(e.externalId);
        if (id && scope.kind === 'CHANGED') result.readEntitlementIds.add(id);
        const changed = e.modifiedAt ? new Date(e.modifiedAt) : null;
        if (changed && (!result.latestChange || changed > result.latestChange)) result.latestChange = changed;
      }
      result.entitlementsRead += page.items.length;
      groupCursor = page.nextCursor;
    } while (groupCursor);
  }

  // Members outside this read (an incremental run reads a changed group, not every member) are the
  // accounts as last observed, looked up batch by batch (DN in lower case -> id, null: none).
  const lastObserved = new Map<string, string | null>();
  // A person's memberships are found by DN: by the ones just read too (the entry may have moved).
  const grantOptions: TListOptions =
    scope.kind === 'ACCOUNTS'
      ? { accounts: [...new Set([...scope.accounts.filter((a) => !UUID.test(a)), ...byNativeId.keys()])] }
      : options;
  // A full read knows every open period: new memberships are inserted, the rest left as they are,
  // and the unseen ended by id (no per-row upsert, nothing written for what did not change).
  const open = openPeriods ? await openPeriods : null;
  // A full read's memberships by observed account, each found once (what the observed state holds after it).
  const found = new MembershipsByAccount();
  const storeGrants = async (items: TTargetGrant[]) => {
    const pairs: Array<{ observedAccountId: string; entitlementId: string }> = [];
    if (scope.kind !== 'FULL') {
      const dns = new Set<string>();
      for (const g of items) {
        const dn = g.accountNativeId.toLowerCase();
        if (!byNativeId.has(dn) && !lastObserved.has(dn)) dns.add(dn);
      }
      if (dns.size > 0) {
        const ids = await observedIdsByNativeId(db, run.applicationId, [...dns]);
        for (const dn of dns) lastObserved.set(dn, ids.get(dn) ?? null);
      }
    }
    // A group's members come one after another: its entitlement is looked up once for them.
    let group: string | null = null;
    let entitlementId: string | undefined;
    let counted: string | undefined;
    for (const g of items) {
      if (g.entitlementExternalId !== group) {
        group = g.entitlementExternalId;
        entitlementId = input.entitlementIdOf(group);
      }
      if (!entitlementId) {
        result.unknownGroups++;
        continue;
      }
      const dn = g.accountNativeId.toLowerCase();
      const observedAccountId = byNativeId.get(dn) ?? lastObserved.get(dn);
      if (!observedAccountId) {
        result.unknownMembers++;
        continue;
      }
      if (counted !== entitlementId && scope.kind !== 'ACCOUNTS') {
        counted = entitlementId;
        result.readEntitlementIds.add(entitlementId);
      }
      pairs.push({ observedAccountId, entitlementId });
    }
    if (open) {
      const fresh: typeof pairs = [];
      for (const p of pairs) {
        if (!found.add(p.observedAccountId, p.entitlementId, p.entitlementId)) continue;
        if (open.get(p.observedAccountId, p.entitlementId) === undefined) fresh.push(p);
      }
      await timed('storeMemberships', insertObservedMemberships(db, at, fresh));
      result.written.memberships += fresh.length;
    } else {
      await timed('storeMemberships', upsertObservedMemberships(db, at, pairs));
      result.written.memberships += pairs.length;
    }
    result.membershipsRead += items.length;
    await report();
  };
  await timed(
    'listGrants',
    readAll(
      connector.streamGrants?.bind(connector),
      connector.listGrants.bind(connector),
      grantOptions,
      HANDLERS.memberships,
      storeGrants,
    ),
  );

  if (open) {
    // A gone account's periods are among the unseen: its DN is no account this read found.
    const unseen: string[] = [];
    for (const [observedAccountId, entitlementId, id] of open.entries())
      if (found.get(observedAccountId, entitlementId) === undefined) unseen.push(id);
    result.membershipsEnded += await timed('settlePeriods', settleMembershipPeriods(db, at, unseen));
    result.accountsGone = await timed('settlePeriods', markAccountsGone(db, at, gone));
    if (asRead) result.observed = observedAsRead(asRead.values(), found);
  } else {
    const coverage: TReadCoverage =
      scope.kind === 'CHANGED'
        ? { kind: 'ENTITLEMENTS', entitlementIds: [...result.readEntitlementIds] }
        : {
            kind: 'ACCOUNTS',
            observedAccountIds: [
              ...new Set([
                ...(scope.kind === 'ACCOUNTS' ? scope.observedAccountIds : []),
                ...result.readAccountIds,
              ]),
            ],
          };
    const closed = await timed('closeUnseen', closeUnseen(db, at, coverage));
    result.membershipsEnded += closed.membershipsEnded;
    result.accountsGone = closed.accountsGone;
  }
  return result;
}

/**
 * What a full read leaves in the observed state: every account it found (the rest are gone now),
 * each with the memberships it found (every one of them has an open period now, and no other does).
 */
function observedAsRead(
  accounts: Iterable<Omit<TObservedRow, 'id' | 'memberships'> & { id: string | null }>,
  memberships: MembershipsByAccount,
): TObservedRow[] {
  const rows: TObservedRow[] = [];
  for (const a of accounts) {
    if (a.id === null) throw new Error(`the account ${a.nativeId} was read but not written`);
    const row = a as TObservedRow;
    row.memberships = memberships.entitlementsOf(a.id);
    rows.push(row);
  }
  return rows;
}

type TStream<T> = (options: TListOptions, each: (batch: T[]) => Promise<void>) => Promise<void>;
type TList<T> = (cursor: string | null, pageSize: number, options?: TListOptions) => Promise<TPage<T>>;

/**
 * Batches handled at once, per listing. A batch's handling is mostly waiting for the database to
 * write it, and the target is read meanwhile. Memberships: with one at a time, one PostgreSQL backend
 * wrote while Node, having read the next batch, waited (a first run's 300,000 new periods took as long
 * as the rest of the run); two keep a second backend busy. Accounts: one, because every account row's
 * foreign-key check locks the one Application row, which two writers then share through a MultiXact:
 * two took about a tenth more of the database's CPU for the same rows, and the machine's second core
 * is Node's, turning the next batch of entries into accounts (docs/decisions/063, fourth pass).
 */
const HANDLERS = { accounts: 1, memberships: 2 } as const;

/**
 * Every item of a listing handed to `handle`, through the connector's stream when it has one (one
 * pass, one connection), else page by page. Either way the target is read while earlier batches are
 * handled, up to `handlers` batches at once (HANDLERS): their writes overlap, so a handler must not depend on an
 * earlier batch's write having finished (the accounts are all written before the memberships start).
 * Answers whether the stream was used. Exported for its test.
 */
export async function readAll<T>(
  stream: TStream<T> | undefined,
  list: TList<T>,
  options: TListOptions,
  handlers: number,
  handle: (items: T[]) => Promise<void>,
): Promise<boolean> {
  const inFlight = new Set<Promise<void>>();
  const next = async (items: T[]) => {
    // A failed batch stays in the set: the next wait (or the last) throws its error.
    while (inFlight.size >= handlers) await Promise.race(inFlight);
    const handling = handle(items);
    inFlight.add(handling);
    handling.then(
      () => inFlight.delete(handling),
      () => {},
    );
  };
  let page: Promise<TPage<T>> | null = null;
  try {
    if (stream) await stream(options, next);
    else {
      page = list(null, READ_PAGE_SIZE, options);
      while (page) {
        const { items, nextCursor }: TPage<T> = await page;
        page = nextCursor ? list(nextCursor, READ_PAGE_SIZE, options) : null;
        await next(items);
      }
    }
  } catch (error) {
    // A read (or a batch) that fails still waits for the batches already handed over: the run then
    // answers FAILED with what it applied, and no write of it lands after that answer. A page read
    // ahead is abandoned; its own failure must not go unhandled (it would end the process).
    page?.catch(() => {});
    await Promise.allSettled(inFlight);
    throw error;
  }
  // Likewise when a batch handed over last fails: the others finish before the answer.
  const failed = (await Promise.allSettled(inFlight)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return stream !== undefined;
}
