'use client';

import { attributeLabel, PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Card, Notice, PageHeader, Spinner } from '../../../_components/ui/card.tsx';
import { formatDate, formatDateTime, originLabel } from '../../../_components/ui/format.ts';
import { EditPersonButton } from './edit-person-button.tsx';
import { PasswordResetCard } from './password-reset-card.tsx';
import { PersonGrants } from './person-grants.tsx';
import { PersonStatusCard } from './person-status-card.tsx';
import { PortalRolesCard } from './portal-roles-card.tsx';
import { ResyncPersonButton } from './resync-person-button.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { SourceRecordsCard } from './source-records-card.tsx';
import { IdentityStatusBadge } from './status-badge.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

/** One person: their attributes, what each source says about them, their accounts and access, and their history. */
export function IdentityDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const person = useQuery(trpc.directory.get.queryOptions({ identityId: id }));
  useDocumentTitle(person.data ? [person.data.displayName, 'People'] : null);
  if (person.isPending) return <Spinner label="Loading the person" />;
  if (person.error) return <QueryError query={person} />;
  const p = person.data;
  const facts: Array<[string, React.ReactNode]> = [
    ['Email', p.email],
    ['Username', p.username],
    ['Employee number', p.employeeNumber ?? '—'],
    ...PROFILE_ATTRIBUTES.map((a): [string, React.ReactNode] => [attributeLabel(a), p[a] ?? '—']),
    ['Employment', p.employmentType.toLowerCase()],
    [
      'Manager',
      p.manager ? (
        <Link href={`/admin/identities/${p.manager.id}`} className="text-brand-700 hover:underline">
          {p.manager.displayName}
        </Link>
      ) : (
        '—'
      ),
    ],
    ['Start date', formatDate(p.startDate)],
    ['End date', formatDate(p.endDate)],
    ['Left on', formatDateTime(p.terminatedAt)],
    ['Came from', originLabel(p.origin)],
  ];
  return (
    <>
      <PageHeader
        title={p.displayName}
        description={[p.title, p.department].filter(Boolean).join(', ')}
        actions={
          <div className="flex flex-wrap items-start gap-3">
            <IdentityStatusBadge status={p.status} />
            <EditPersonButton person={p} canEdit={p.viewer.canEdit} />
            <ResyncPersonButton identityId={p.id} />
          </div>
        }
      />
      {p.attributeConflicts.length ? (
        <div className="mb-4">
          <Notice>
            Sources disagree on {p.attributeConflicts.map((c) => c.attribute).join(', ')}:{' '}
            <Link href="/admin/conflicts" className="font-medium underline">
              decide in Attribute conflicts
            </Link>
            .
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-5 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Attributes</h2>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="min-w-0">
                <dt className="text-xs text-slate-500">{k}</dt>
                <dd className="text-slate-900 [overflow-wrap:anywhere]">{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card className="p-5">
          <h2 className="font-semibold text-slate-900">Accounts and access</h2>
          {p.accounts.length === 0 ? <p className="mt-2 text-sm text-slate-500">No accounts.</p> : null}
          <ul className="mt-2 space-y-1 text-sm">
            {p.accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{a.application.name}</span>
                <code className="font-mono text-xs text-slate-600">{a.username}</code>
                <Badge tone={a.status === 'ACTIVE' ? 'green' : 'gray'}>{a.status.toLowerCase()}</Badge>
                <span className="text-xs text-slate-500">{a.memberships} memberships</span>
              </li>
            ))}
          </ul>
          <PersonGrants
            person={p}
            grants={p.grants}
            canGrant={p.viewer.canGrant}
            canRevoke={p.viewer.canRevoke}
          />
        </Card>
      </div>
      {p.viewer.reason ? (
        <div className="mt-5">
          <Notice>{p.viewer.reason}</Notice>
        </div>
      ) : null}
      {p.viewer.canChangeStatus ? <PersonStatusCard person={p} /> : null}
      <PortalRolesCard person={p} />
      {p.viewer.canEndSessions ? <SessionsCard person={p} /> : null}
      {p.viewer.canResetPassword ? <PasswordResetCard person={p} /> : null}
      <SourceRecordsCard records={p.sourceRecords} />
      <Card className="mt-5 p-5">
        <h2 className="font-semibold text-slate-900">Lifecycle history</h2>
        <ol className="mt-3 space-y-2 border-l border-slate-200 pl-4" aria-label="Lifecycle history">
          {p.history.map((h) => (
            <li key={h.id} className="text-sm break-words">
              <span className="text-xs text-slate-500">{formatDateTime(h.occurredAt)}</span>
              <span className="ml-2 text-slate-800">{h.summary}</span>
              {h.changes.length ? (
                <ul className="mt-0.5 text-xs text-slate-600" aria-label="Changes">
                  {h.changes.map((c, i) => (
                    <li key={`${i}-${c}`}>{c}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
