'use client';

import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { Badge, RiskBadge } from '../../_components/ui/badge.tsx';
import { EmptyState, Spinner } from '../../_components/ui/card.tsx';

type TRisk = RiskLevel;

export type TRoleCard = {
  id: string;
  name: string;
  description: string;
  risk: TRisk;
  maxDurationDays: number | null;
  entitlements: Array<{ id: string; name: string }>;
  isHeld: boolean;
  pendingRequestId: string | null;
};

/** Business roles as catalog cards: what each bundles, and whether the person has or asked for it. */
export function RoleList({
  roles,
  isPending,
  selectedId,
  inBasket,
  onPick,
}: {
  roles: TRoleCard[];
  isPending: boolean;
  selectedId: string | null;
  inBasket: (id: string) => boolean;
  onPick: (r: TRoleCard) => void;
}) {
  if (isPending) return <Spinner label="Loading the roles" />;
  if (roles.length === 0)
    return <EmptyState title="No roles match">Try other words, or clear the filters.</EmptyState>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2" aria-label="Roles">
      {roles.map((r) => (
        <li key={r.id}>
          <button
            type="button"
            onClick={() => onPick(r)}
            aria-pressed={selectedId === r.id}
            className={`h-full w-full rounded-lg border bg-white p-4 text-left shadow-xs transition hover:border-brand-600/40 hover:shadow-sm ${
              selectedId === r.id ? 'border-brand-600 ring-1 ring-brand-600' : 'border-slate-200'
            }`}
          >
            <div className="flex items-start justify-between gap-2">
              <span className="min-w-0 break-words [overflow-wrap:anywhere] font-medium text-slate-900">
                {r.name}
              </span>
              <RiskBadge risk={r.risk} />
            </div>
            <p className="mt-0.5 text-xs text-slate-500">Role · {r.entitlements.length} entitlements</p>
            <p className="mt-2 line-clamp-2 text-sm text-slate-600">{r.description}</p>
            <p className="mt-2 text-xs text-slate-500">{r.entitlements.map((e) => e.name).join(' · ')}</p>
            <div className="mt-3 flex flex-wrap gap-1.5">
              {r.isHeld ? <Badge tone="green">You have this</Badge> : null}
              {r.pendingRequestId ? <Badge tone="amber">Requested</Badge> : null}
              {inBasket(r.id) ? <Badge tone="indigo">In this request</Badge> : null}
              {r.maxDurationDays ? <Badge tone="blue">Up to {r.maxDurationDays} days</Badge> : null}
            </div>
          </button>
        </li>
      ))}
    </ul>
  );
}
