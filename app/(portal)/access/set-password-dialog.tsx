'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { passwordRuleLines } from '@/server/shared/password-policy-words.ts';
import { useTRPC } from '../../_trpc/client.tsx';
import { Button } from '../../_components/ui/button.tsx';
import { Notice } from '../../_components/ui/card.tsx';
import { Dialog } from '../../_components/ui/dialog.tsx';
import { QueryError, QueryState } from '../../_components/ui/query-state.tsx';
import { TextField } from '../../_components/ui/text-field.tsx';
import { serverFieldErrors } from '../admin/_components/server-errors.ts';

export type TPasswordAccount = { application: { id: string; name: string }; username: string };

/** "Set password…" for one directory account: the directory's rules, then current, new and again. */
export function SetPasswordDialog({
  account,
  onClose,
}: {
  account: TPasswordAccount | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={account !== null}
      onClose={onClose}
      title={account ? `Set a new password for ${account.application.name}` : ''}
      description={
        account ? (
          <p className="break-words">
            For your account {account.username}. Your other accounts keep their passwords.
          </p>
        ) : null
      }
    >
      {account ? <SetPasswordForm account={account} onClose={onClose} /> : null}
    </Dialog>
  );
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

// Its own component: the Dialog mounts it only while open, so the fields start empty each time.
function SetPasswordForm({ account, onClose }: { account: TPasswordAccount; onClose: () => void }) {
  const trpc = useTRPC();
  const policy = useQuery(
    trpc.access.passwordPolicy.queryOptions({ applicationId: account.application.id }, { staleTime: 0 }),
  );
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = useMutation(trpc.access.setPassword.mutationOptions());
  if (set.isSuccess) {
    return (
      <div className="space-y-4">
        <Notice tone="success">
          Your password in {account.application.name} is changed. Use the new one from now on.
        </Notice>
        <div className="flex justify-end">
          <Button onClick={onClose}>Done</Button>
        </div>
      </div>
    );
  }
  const rules = policy.data?.policy ? passwordRuleLines(policy.data.policy) : [];
  const server = serverFieldErrors(set.error);
  const errors = { ...server, ...local };
  const fieldLevel = Boolean(errors.currentPassword || errors.newPassword || errors.confirm);
  const submit = () => {
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = 'Enter your current password.';
    const min = policy.data?.policy?.minLength;
    if (!next) found.newPassword = 'Enter a new password.';
    else if (min && bytes(next) < min) found.newPassword = `At least ${min} characters.`;
    if (next && again !== next) found.confirm = 'The two new passwords are not the same.';
    setLocal(found);
    if (Object.keys(found).length === 0)
      set.mutate({ applicationId: account.application.id, currentPassword: current, newPassword: next });
  };
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        set.reset();
        submit();
      }}
    >
      <section
        aria-label="The directory’s password rules"
        className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
      >
        <QueryState query={policy} loading="Asking the directory for its rules">
          {rules.length ? (
            <>
              <p className="font-medium text-slate-900">The directory asks for:</p>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {rules.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>The directory names no rules for this password; it still decides when you save.</p>
          )}
        </QueryState>
      </section>
      {/* A username field for password managers, which file a new password under an account. */}
      <input type="text" name="username" autoComplete="username" value={account.username} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={256}
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={errors.currentPassword ?? null}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={errors.newPassword ?? null}
      />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        required
        maxLength={256}
        value={again}
        onChange={(e) => setAgain(e.target.value)}
        error={errors.confirm ?? null}
      />
      {fieldLevel ? null : <QueryError query={set} />}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={set.isPending}>
          {set.isPending ? 'Setting…' : 'Set password'}
        </Button>
      </div>
    </form>
  );
}
