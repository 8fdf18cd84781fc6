import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { RISK_LABEL } from '@/server/shared/risk-level.ts';
type TTone = 'gray' | 'green' | 'amber' | 'red' | 'blue' | 'indigo';

const TONES: Record<TTone, string> = {
  gray: 'bg-slate-100 text-slate-700 ring-slate-200',
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  amber: 'bg-amber-50 text-amber-800 ring-amber-200',
  red: 'bg-red-50 text-red-700 ring-red-200',
  blue: 'bg-sky-50 text-sky-700 ring-sky-200',
  indigo: 'bg-brand-50 text-brand-700 ring-brand-100',
};

export function Badge({
  tone = 'gray',
  children,
  title,
  noWrap = false,
}: {
  tone?: TTone;
  children: React.ReactNode;
  title?: string;
  /** A short fixed label beside text that may be long: the text wraps, the badge keeps its one line. */
  noWrap?: boolean;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${noWrap ? 'shrink-0 whitespace-nowrap' : ''} ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  const tone = risk === 'HIGH' ? 'red' : risk === 'MEDIUM' ? 'amber' : 'green';
  return (
    <Badge tone={tone} title={`${risk.toLowerCase()} risk`} noWrap>
      {RISK_LABEL[risk]} risk
    </Badge>
  );
}

const STATE_TONE: Record<string, TTone> = {
  PENDING: 'amber',
  APPROVED: 'green',
  DENIED: 'red',
  CANCELLED: 'gray',
  EXPIRED: 'gray',
  active: 'green',
  provisioned: 'green',
  provisioning: 'blue',
  pending: 'gray',
  retrying: 'amber',
  failed: 'red',
  revoked: 'gray',
  expired: 'gray',
};
const STATE_LABEL: Record<string, string> = {
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
  active: 'Active',
  provisioned: 'Provisioned',
  provisioning: 'Provisioning',
  pending: 'Pending',
  retrying: 'Retrying',
  failed: 'Failed',
  revoked: 'Access revoked',
  expired: 'Access expired',
};

export function StateBadge({ state, reason }: { state: string; reason?: string | null }) {
  return (
    <Badge tone={STATE_TONE[state] ?? 'gray'} title={reason ?? undefined}>
      {state === 'provisioning' || state === 'retrying' ? (
        <span className="size-1.5 animate-pulse rounded-full bg-current" aria-hidden />
      ) : null}
      {STATE_LABEL[state] ?? state}
    </Badge>
  );
}
