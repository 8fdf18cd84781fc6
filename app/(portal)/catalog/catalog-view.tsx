'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { Badge, RiskBadge } from '../../_components/ui/badge.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader, Spinner } from '../../_components/ui/card.tsx';
import { RequestForm, type TBasketItem } from './request-form.tsx';
import { RoleList } from './role-list.tsx';
import { ConflictHint, ReviewBar } from './review-bar.tsx';
import { countOf } from '../../_components/ui/format.ts';
import { SearchField } from '../../_components/ui/search-field.tsx';
import { Select } from '../../_components/ui/text-field.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { RISK_LABEL, RISK_LEVELS } from '@/server/shared/risk-level.ts';

type TRisk = RiskLevel;
type TKind = 'ENTITLEMENT' | 'ROLE';

export function CatalogView() {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  // Bumped to empty the search box itself: text typed but not yet settled would otherwise settle after
  // the page cleared the search (setSearch('') changes nothing while the page's value is still ''), and
  // a swap to the Roles list would then search for it and show "No roles match".
  const [searchBox, setSearchBox] = useState(0);
  const clearSearch = () => {
    setSearch('');
    setSearchBox((n) => n + 1);
  };
  const [applicationId, setApplicationId] = useState('');
  const [risk, setRisk] = useState<TRisk | ''>('');
  const [kind, setKind] = useState<TKind>('ENTITLEMENT');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [basket, setBasket] = useState<TBasketItem[]>([]);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const deferredSearch = useDeferredValue(search);
  const apps = useQuery(trpc.catalog.applications.queryOptions());
  // Pages of 60 on the server's keyset; "Show more" asks for the next one.
  const list = useInfiniteQuery({
    ...trpc.catalog.list.infiniteQueryOptions(
      {
        search: deferredSearch || undefined,
        applicationId: applicationId || undefined,
        risk: risk || undefined,
        limit: 60,
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: kind === 'ENTITLEMENT',
    // While another search loads, the previous cards stay (dimmed, busy): a card in both keeps its place.
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const formRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // After sending, focus goes to the result so a screen reader (and a phone's viewport) lands on it.
  useEffect(() => {
    if (submitted) resultRef.current?.focus();
  }, [submitted]);
  const reviewRequest = () => {
    formRef.current?.scrollIntoView({ block: 'start' });
    formRef.current?.querySelector<HTMLElement>('h3')?.focus();
  };
  const roles = useQuery(trpc.catalog.roles.queryOptions({ search: deferredSearch || undefined }));
  // Every role, whatever the search: what a suggestion swaps in.
  const allRoles = useQuery(trpc.catalog.roles.queryOptions({}));
  const visibleRoles = (roles.data ?? []).filter((r) => !risk || r.risk === risk);
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const selectedRole = roles.data?.find((r) => r.id === selectedId) ?? null;
  const inBasket = (id: string) => basket.some((b) => b.id === id);
  const addToBasket = (item: TBasketItem) =>
    setBasket((b) => (b.some((x) => x.id === item.id) ? b : [...b, item]));
  const pick = (item: TBasketItem & { canRequest: boolean }) => {
    setSelectedId(item.id);
    setSubmitted(null);
    // The first thing picked starts the request; later picks are added on purpose.
    if (basket.length === 0 && item.canRequest) addToBasket(item);
  };
  const swapForRole = (roleId: string, name: string) => {
    const role = allRoles.data?.find((r) => r.id === roleId);
    const covered = new Set(role?.entitlements.map((e) => e.id) ?? []);
    setBasket((b) => [
      ...b.filter((x) => !covered.has(x.id)),
      { kind: 'ROLE', id: roleId, name, maxDurationDays: role?.maxDurationDays ?? null },
    ]);
    setSelectedId(roleId);
    setKind('ROLE');
    clearSearch();
  };

  return (
    <>
      <PageHeader
        title="Access catalog"
        description="Find the access you need, see who owns it and how risky it is, and request it with a reason."
      />
      <div className="mb-5 flex flex-wrap items-center gap-3">
        <fieldset className="flex items-center gap-1 rounded-md bg-slate-100 p-1" aria-label="Show">
          {(['ENTITLEMENT', 'ROLE'] as const).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={kind === k}
              onClick={() => setKind(k)}
              className={`rounded px-2.5 py-1 text-xs font-medium ${kind === k ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {k === 'ENTITLEMENT' ? 'Entitlements' : 'Roles'}
            </button>
          ))}
        </fieldset>
        <SearchField
          key={searchBox}
          label="Search the catalog"
          labelHidden
          value={search}
          onChange={setSearch}
          placeholder="Search by name, description or application…"
          phonePlaceholder="Name, description or application"
          className="min-w-64 flex-1"
        />
        <Select
          label="Application"
          labelHidden
          value={applicationId}
          onChange={(e) => setApplicationId(e.target.value)}
          className={kind === 'ROLE' ? 'hidden' : ''}
        >
          <option value="">All applications</option>
          {apps.data?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <fieldset className="flex items-center gap-1 rounded-md bg-slate-100 p-1" aria-label="Risk">
          {(['', ...RISK_LEVELS] as const).map((r) => (
            <button
              key={r || 'all'}
              type="button"
              aria-pressed={risk === r}
              onClick={() => setRisk(r)}
              className={`rounded px-2.5 py-1 text-xs font-medium ${risk === r ? 'bg-white text-slate-900 shadow-xs' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {r ? `${RISK_LABEL[r]} risk` : 'Any risk'}
            </button>
          ))}
        </fieldset>
      </div>

      {submitted ? (
        <div className="mb-5 scroll-mt-20 focus:outline-none" ref={resultRef} tabIndex={-1}>
          <Notice tone="success">
            Request sent for <strong>{submitted}</strong>. Follow it on{' '}
            <a className="font-medium underline" href="/requests">
              My requests
            </a>
            .
          </Notice>
        </div>
      ) : null}

      <div
        className={`grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] ${basket.length ? 'pb-20 lg:pb-0' : ''}`}
      >
        <div>
          {kind === 'ROLE' ? (
            <RoleList
              roles={visibleRoles}
              isPending={roles.isPending}
              selectedId={selectedId}
              inBasket={inBasket}
              onPick={(r) =>
                pick({
                  kind: 'ROLE',
                  id: r.id,
                  name: r.name,
                  maxDurationDays: r.maxDurationDays,
                  canRequest: !r.isHeld && !r.pendingRequestId,
                })
              }
            />
          ) : null}
          {kind === 'ENTITLEMENT' && list.isPending ? <Spinner label="Loading the catalog" /> : null}
          <QueryError query={list} />
          {kind === 'ENTITLEMENT' && list.data && items.length === 0 ? (
            <EmptyState title="Nothing matches">Try other words, or clear the filters.</EmptyState>
          ) : null}
          <ul
            className={`grid gap-3 transition-opacity sm:grid-cols-2 ${kind === 'ROLE' ? 'hidden' : ''} ${list.isPlaceholderData ? 'opacity-60' : ''}`}
            aria-label="Entitlements"
            aria-busy={list.isPlaceholderData || undefined}
          >
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() =>
                    pick({
                      kind: 'ENTITLEMENT',
                      id: item.id,
                      name: item.name,
                      maxDurationDays: item.maxDurationDays,
                      canRequest: !item.isHeld && !item.pendingRequestId,
                    })
                  }
                  aria-pressed={selectedId === item.id}
                  className={`h-full w-full rounded-lg border bg-white p-4 text-left shadow-xs transition hover:border-brand-600/40 hover:shadow-sm ${
                    selectedId === item.id ? 'border-brand-600 ring-1 ring-brand-600' : 'border-slate-200'
                  }`}
                >
                  <div className="flex items-start justify-between gap-2">
                    <span className="min-w-0 break-words [overflow-wrap:anywhere] font-medium text-slate-900">
                      {item.name}
                    </span>
                    <RiskBadge risk={item.risk} />
                  </div>
                  <p className="mt-0.5 text-xs text-slate-500">{item.application.name}</p>
                  <p className="mt-2 line-clamp-2 text-sm text-slate-600">{item.description}</p>
                  <div className="mt-3 flex flex-wrap gap-1.5">
                    {item.isHeld ? <Badge tone="green">You have this</Badge> : null}
                    {item.pendingRequestId ? <Badge tone="amber">Requested</Badge> : null}
                    {inBasket(item.id) ? <Badge tone="indigo">In this request</Badge> : null}
                    {item.maxDurationDays ? (
                      <Badge tone="blue">Up to {item.maxDurationDays} days</Badge>
                    ) : null}
                  </div>
                  {item.sodConflicts.length ? <ConflictHint conflicts={item.sodConflicts} /> : null}
                </button>
              </li>
            ))}
          </ul>
          {kind === 'ENTITLEMENT' && list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage
                  ? 'Loading more…'
                  : `Show more (${countOf(items.length, 'item')} shown)`}
              </Button>
            </div>
          ) : null}
        </div>
        <aside aria-label="Details" className="space-y-4 lg:sticky lg:top-20 lg:self-start">
          {selected || selectedRole ? (
            <Card className="p-5">
              <div className="flex items-start justify-between gap-2">
                <h2 className="min-w-0 break-words [overflow-wrap:anywhere] text-lg font-semibold text-slate-900">
                  {(selected ?? selectedRole)!.name}
                </h2>
                <RiskBadge risk={(selected ?? selectedRole)!.risk} />
              </div>
              <p className="text-sm text-slate-500">
                {selected ? selected.application.name : 'Business role'}
              </p>
              <p className="mt-3 text-sm text-slate-700">{(selected ?? selectedRole)!.description}</p>
              <dl className="mt-4 grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
                <dt className="text-slate-500">Owner</dt>
                <dd className="text-slate-900">
                  {(selected ?? selectedRole)!.owner?.displayName ?? 'No owner'}
                </dd>
                <dt className="text-slate-500">Longest</dt>
                <dd className="text-slate-900">
                  {(selected ?? selectedRole)!.maxDurationDays
                    ? `${(selected ?? selectedRole)!.maxDurationDays} days`
                    : 'No limit'}
                </dd>
                {selectedRole ? (
                  <>
                    <dt className="text-slate-500">Bundles</dt>
                    <dd className="text-slate-900">
                      {selectedRole.entitlements.map((e) => e.name).join(', ')}
                    </dd>
                  </>
                ) : null}
              </dl>
              <div className="mt-4">
                {(selected ?? selectedRole)!.isHeld ? (
                  <Notice>You already have this access.</Notice>
                ) : (selected ?? selectedRole)!.pendingRequestId ? (
                  <Notice>Your request is waiting for approval.</Notice>
                ) : inBasket((selected ?? selectedRole)!.id) ? (
                  <p className="text-sm text-emerald-700">In this request.</p>
                ) : (
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => {
                      const it = (selected ?? selectedRole)!;
                      addToBasket({
                        kind: selected ? 'ENTITLEMENT' : 'ROLE',
                        id: it.id,
                        name: it.name,
                        maxDurationDays: it.maxDurationDays,
                      });
                    }}
                  >
                    Add to this request
                  </Button>
                )}
              </div>
            </Card>
          ) : null}
          {basket.length ? (
            <Card className="p-5">
              <div ref={formRef} className="scroll-mt-20">
                <RequestForm
                  items={basket}
                  onRemove={(id) => setBasket((b) => b.filter((x) => x.id !== id))}
                  onSwap={swapForRole}
                  onDone={(names) => {
                    setSubmitted(names.join(', '));
                    setBasket([]);
                    setSelectedId(null);
                  }}
                />
              </div>
            </Card>
          ) : !selected && !selectedRole ? (
            <Card className="p-5 text-sm text-slate-600">
              <p className="font-medium text-slate-900">Pick something to see its details</p>
              <p className="mt-1">
                Every request needs a reason your approvers can judge. Access that carries a time limit asks
                for an end date. You can ask for several items at once.
              </p>
              <Button variant="ghost" size="sm" className="mt-3 -ml-2" onClick={clearSearch}>
                Show everything
              </Button>
            </Card>
          ) : null}
        </aside>
      </div>
      {basket.length ? <ReviewBar count={basket.length} formRef={formRef} onReview={reviewRequest} /> : null}
    </>
  );
}
