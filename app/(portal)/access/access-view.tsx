'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../_trpc/client.tsx';
import { EmptyState, PageHeader, Spinner } from '../../_components/ui/card.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { useCan } from '../../_components/use-can.ts';
import { AccessList } from './access-list.tsx';
import { SetPasswordDialog, type TPasswordAccount } from './set-password-dialog.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';

export function AccessView() {
  const trpc = useTRPC();
  const list = useQuery(
    trpc.access.listMine.queryOptions(undefined, {
      refetchInterval: (q) =>
        q.state.data?.some((a) => a.items.some((i) => i.state !== 'active')) ? 2000 : false,
    }),
  );
  const canSetPassword = useCan('account.password.setOwn');
  const passwordAccounts = useQuery(
    trpc.access.passwordAccounts.queryOptions(undefined, { enabled: canSetPassword }),
  );
  const [settingPassword, setSettingPassword] = useState<TPasswordAccount | null>(null);
  const passwordAccountOf = (applicationId: string) =>
    passwordAccounts.data?.find((a) => a.application.id === applicationId && a.canSetPassword) ?? null;
  return (
    <>
      <PageHeader
        title="My access"
        description="What you hold in each application, since when, and why. Give up what you no longer need."
      />
      {list.isPending ? <Spinner label="Loading your access" /> : null}
      <QueryError query={list} />
      {list.data?.length === 0 ? (
        <EmptyState title="You hold no access yet">
          Request what you need from the{' '}
          <Link className="font-medium text-brand-700 underline" href="/catalog">
            catalog
          </Link>
          .
        </EmptyState>
      ) : null}
      {list.data ? (
        <AccessList
          applications={list.data}
          mode="self"
          accountAction={(app) => {
            const account = passwordAccountOf(app.application.id);
            return account ? (
              <Button
                variant="secondary"
                size="sm"
                className="shrink-0"
                onClick={() => setSettingPassword(account)}
              >
                Set password…
              </Button>
            ) : null;
          }}
        />
      ) : null}
      <SetPasswordDialog account={settingPassword} onClose={() => setSettingPassword(null)} />
    </>
  );
}
