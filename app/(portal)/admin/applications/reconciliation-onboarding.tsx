'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { DayText } from '@/app/_components/ui/day-text.tsx';

/** What happens to the memberships found, under the application's current settings, in words. */
function adoptionSentence(reaction: string | undefined, needsOwner: boolean | undefined): string {
  if (reaction !== 'ADOPT')
    return 'Their memberships wait in the review queue as “access not granted in Gatehouse”: adopt them there to make them grants (or set that reaction to Adopt below first).';
  return needsOwner
    ? 'Their memberships are adopted as grants (source “reconciliation”) once each entitlement’s owner approves in the review queue.'
    : 'Their memberships are adopted as grants at once (source “reconciliation”), as the settings below say.';
}

/**
 * Brings an application that already has users under management: a first full run that matches its
 * accounts to people by the correlation rules (reconciliation.runNow with onboarding).
 */
export function ReconciliationOnboarding({
  applicationId,
  disabled,
  onboardedAt,
  onStarted,
}: {
  applicationId: string;
  disabled: boolean;
  /** When the last onboarding run succeeded, if one did. */
  onboardedAt: Date | null;
  onStarted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.reconciliation.getSettings.queryOptions({ applicationId }));
  const onboard = useMutation(
    trpc.reconciliation.runNow.mutationOptions({
      onSuccess: async () => {
        onStarted();
        await queryClient.invalidateQueries({ queryKey: trpc.reconciliation.listRuns.infiniteQueryKey() });
      },
    }),
  );
  const s = settings.data?.settings;
  return (
    <Card className="mb-4 p-4 print:hidden">
      <h3 className="text-sm font-semibold text-slate-900">Onboard existing accounts</h3>
      <div className="mt-1 space-y-1 text-sm break-words text-slate-700">
        <p>
          For an application that already has users: Gatehouse reads every account and membership, and matches
          each account to a person by the matching rules below.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>People matched get their account in Gatehouse.</li>
          <li>{adoptionSentence(s?.reactions.UNMANAGED_ENTITLEMENT, s?.adoptNeedsOwnerApproval)}</li>
          <li>Accounts nobody matches become “account without a person” findings to decide.</li>
        </ul>
      </div>
      {onboardedAt ? (
        <p className="mt-2 text-sm text-slate-600">
          Onboarded <DayText at={onboardedAt} to="minute" />. Onboarding again matches the accounts still
          without a person.
        </p>
      ) : null}
      <div className="mt-3">
        <Button
          variant="secondary"
          onClick={() => onboard.mutate({ applicationId, mode: 'FULL', onboarding: true })}
          disabled={disabled || onboard.isPending}
        >
          Onboard existing accounts
        </Button>
      </div>
      {onboard.error ? (
        <div className="mt-3">
          <Notice tone="error">Not started: {errorMessage(onboard.error)}</Notice>
        </div>
      ) : null}
    </Card>
  );
}
