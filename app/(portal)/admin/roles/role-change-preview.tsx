'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Spinner } from '../../../_components/ui/card.tsx';
import { countOf } from '@/app/_components/ui/format.ts';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { Changes } from '../birthright/what-if.tsx';

/**
 * What saving this role's new contents would do to the people who hold it: the same what-if as a
 * birthright rule's, plus the segregation-of-duties conflicts it would create, and the rules the
 * contents break by themselves whoever holds the role (a new role's too). Advisory: the server
 * assesses again when the role is saved.
 */
export function RoleChangePreview({
  roleId,
  entitlementIds,
}: {
  roleId: string | null;
  entitlementIds: string[];
}) {
  const preview = useRoleChangePreview(roleId, entitlementIds);
  const data = preview.data;
  const unchanged = data && data.gains.length === 0 && data.losses.length === 0;
  return (
    <section aria-label="What if you save" className="rounded-md border border-slate-200 bg-slate-50 p-4">
      <h3 className="font-semibold text-slate-900">What if you save</h3>
      {preview.isPending && entitlementIds.length ? <Spinner label="Working it out" /> : null}
      <QueryError query={preview} />
      {data ? (
        <div className={preview.isFetching ? 'opacity-60' : ''}>
          <p className="mt-1 text-sm text-slate-600">
            {roleId
              ? `${countOf(data.holders, 'person holds', 'people hold')} this role.`
              : 'A new role: nobody holds it yet.'}
            {unchanged ? ' What it bundles is unchanged.' : null}
          </p>
          {data.withinRole.length ? <WithinRole conflicts={data.withinRole} /> : null}
          {data.conflicts.length ? <Conflicts conflicts={data.conflicts} /> : null}
          {unchanged || !roleId ? null : (
            <>
              <Changes
                title="Would gain"
                tone="text-emerald-700"
                items={data.gains}
                empty="Nobody gains anything."
              />
              <Changes
                title="Would lose"
                tone="text-red-700"
                items={data.losses}
                empty="Nobody loses anything."
              />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

/** One query, shared by the preview and the form (which reads the mass-change verdict from it). */
export function useRoleChangePreview(roleId: string | null, entitlementIds: string[]) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.catalogAdmin.previewRoleChange.queryOptions({ roleId, entitlementIds }),
    enabled: entitlementIds.length > 0,
    placeholderData: keepPreviousData,
  });
}

type TConflict = {
  ruleId: string;
  ruleName: string;
  severity: 'BLOCK' | 'MITIGATABLE';
  sideA: string[];
  sideB: string[];
  people: Array<{ id: string; displayName: string; explanation: string }>;
};

function Conflicts({ conflicts }: { conflicts: TConflict[] }) {
  const people = new Set(conflicts.flatMap((c) => c.people.map((p) => p.id))).size;
  return (
    <section
      aria-label="Segregation-of-duties conflicts"
      className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
    >
      <h4 className="font-semibold">
        {countOf(people, 'person', 'people')} would hold both sides of {countOf(conflicts.length, 'rule')}
      </h4>
      <p className="mt-1">Saving is refused: change what the role bundles, or the rule.</p>
      <ul className="mt-2 space-y-2">
        {conflicts.map((c) => (
          <li key={c.ruleId} className="min-w-0 break-words">
            <p>
              <strong>{c.ruleName}</strong> (
              {c.severity === 'BLOCK' ? 'blocks' : 'needs a mitigating control'}): {c.sideA.join(', ')}{' '}
              against {c.sideB.join(', ')}
            </p>
            <p className="text-red-800">{c.people.map((p) => p.displayName).join(', ')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

type TWithinRole = Omit<TConflict, 'people'>;

/** Rules the role's contents break by themselves: a blocking one refuses the save, a mitigatable one warns. */
function WithinRole({ conflicts }: { conflicts: TWithinRole[] }) {
  const blocking = conflicts.filter((c) => c.severity === 'BLOCK');
  const warned = conflicts.filter((c) => c.severity !== 'BLOCK');
  const rule = (c: TWithinRole) => (
    <li key={c.ruleId} className="min-w-0 break-words">
      <strong>{c.ruleName}</strong>: {c.sideA.join(', ')} against {c.sideB.join(', ')}
    </li>
  );
  return (
    <>
      {blocking.length ? (
        <section
          aria-label="Rules this role breaks"
          className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
        >
          <h4 className="font-semibold">
            This role would bundle both sides of {countOf(blocking.length, 'blocking rule')}
          </h4>
          <p className="mt-1">
            Saving is refused: nobody could be given it. Remove one side, or change the rule.
          </p>
          <ul className="mt-2 space-y-1">{blocking.map(rule)}</ul>
        </section>
      ) : null}
      {warned.length ? (
        <section
          aria-label="Rules this role needs a control for"
          className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
        >
          <h4 className="font-semibold">
            This role bundles both sides of {countOf(warned.length, 'mitigatable rule')}
          </h4>
          <p className="mt-1">It can be saved, but every request for it will need a mitigating control.</p>
          <ul className="mt-2 space-y-1">{warned.map(rule)}</ul>
        </section>
      ) : null}
    </>
  );
}
