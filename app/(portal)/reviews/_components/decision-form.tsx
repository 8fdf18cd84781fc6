'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Field } from '@/app/_components/ui/field.tsx';
import { TextArea } from '@/app/_components/ui/text-field.tsx';
import { PeoplePicker, type TPerson } from '../../admin/_components/people-picker.tsx';
import { needsComment } from './grouping.ts';
import type { TDecideResult, TDecision, TReviewItem } from './types.ts';

const VERB: Record<TDecision, string> = { KEEP: 'Keep', REVOKE: 'Revoke', REASSIGN: 'Reassign' };
const HINT: Record<TDecision, string> = {
  KEEP: 'The access stays; your comment goes into the campaign’s evidence.',
  REVOKE:
    'The grant ends and its access is removed from the target system, unless another grant still gives it; the campaign is its reason.',
  REASSIGN: 'Someone else decides instead of you; they see it in their reviews.',
};

/**
 * Send one decision on one item or many (reviews.decide): a comment (required to keep high-risk
 * access, said at the field before sending), and for a reassignment the person who decides instead.
 * The server answers which it applied and which it refused, and why.
 */
export function DecisionForm({
  items,
  decision,
  onDecided,
  onCancel,
}: {
  items: TReviewItem[];
  decision: TDecision;
  onDecided: (result: TDecideResult, itemIds: string[]) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [to, setTo] = useState<TPerson | null>(null);
  const [tried, setTried] = useState(false);
  const decide = useMutation(
    trpc.reviews.decide.mutationOptions({
      onSuccess: async (result, asked) => {
        onDecided(result, asked.itemIds);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.reviews.myQueue.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
        ]);
      },
    }),
  );
  const n = items.length;
  const highRisk = needsComment(items, decision);
  const commentMissing = highRisk.length > 0 && !comment.trim();
  const personMissing = decision === 'REASSIGN' && !to;
  const commentHint =
    highRisk.length === 0
      ? 'Optional.'
      : n === 1
        ? 'Required: this is high-risk access.'
        : `Required: ${highRisk.length} of the ${n} are high-risk access.`;
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (commentMissing || personMissing || n === 0) return;
        decide.mutate({
          itemIds: items.map((i) => i.id),
          decision,
          comment: comment.trim() || undefined,
          reassignToId: decision === 'REASSIGN' ? to?.id : undefined,
        });
      }}
    >
      <p className="text-sm text-slate-600">{HINT[decision]}</p>
      {decision === 'REVOKE' ? <HeldOtherwise items={items} /> : null}
      {decision === 'REASSIGN' ? (
        <Field
          label="Reassign to"
          required
          error={tried && personMissing ? 'Choose who decides instead.' : null}
        >
          <PeoplePicker value={to} onChange={setTo} />
        </Field>
      ) : null}
      <TextArea
        label={highRisk.length ? 'Comment' : 'Comment (optional)'}
        required={highRisk.length > 0}
        hint={commentHint}
        error={tried && commentMissing ? 'Say why the high-risk access stays.' : null}
        rows={2}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {decide.error ? <Notice tone="error">Not decided: {errorMessage(decide.error)}</Notice> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="submit"
          variant={decision === 'REVOKE' ? 'danger' : 'primary'}
          disabled={decide.isPending || n === 0}
        >
          {decide.isPending ? 'Sending…' : `${VERB[decision]} ${n === 1 ? 'this access' : `${n} items`}`}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * Before a revoke: the items whose access another grant keeps (the server says how, reviews.myQueue's
 * revokeNote), so nobody believes a revoke removed what a birthright rule or a role still gives.
 */
function HeldOtherwise({ items }: { items: TReviewItem[] }) {
  const kept = items.filter((i) => i.revokeNote);
  if (kept.length === 0) return null;
  return (
    <Notice tone="info">
      {items.length === 1 ? (
        kept[0]!.revokeNote
      ) : (
        <>
          {kept.length} of the {items.length} stay held through another grant:
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {kept.map((i) => (
              <li key={i.id} className="break-words">
                {i.revokeNote}
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}
