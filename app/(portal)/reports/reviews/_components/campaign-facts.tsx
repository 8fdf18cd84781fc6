import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';
import { formatInstant } from '../../../../_components/ui/format.ts';
import { Facts } from '../../requests/[id]/evidence-parts.tsx';
import { recurrenceLabel, REVOKE_TIMING_LABEL, UNDECIDED_ACTION_LABEL } from './review-labels.ts';

/** What a campaign reviews and by which rules: its scope in words, dates, recurrence. */
export function CampaignFacts({ c }: { c: TCampaignDetail }) {
  return (
    <Facts
      items={[
        [
          'Scope',
          c.kind === 'MOVER'
            ? `Access ${c.subject?.displayName ?? 'the person'} kept from the previous job`
            : c.scope.words,
        ],
        ...(c.description
          ? ([
              [
                'Description',
                <span key="d" className="whitespace-pre-wrap">
                  {c.description}
                </span>,
              ],
            ] as Array<[string, React.ReactNode]>)
          : []),
        ['Starts', formatInstant(c.startsAt)],
        ['Due', formatInstant(c.dueAt)],
        ['Started', c.startedAt ? formatInstant(c.startedAt) : 'Not yet'],
        ['Closed', c.closedAt ? formatInstant(c.closedAt) : 'Not yet'],
        ['Undecided at the due date', UNDECIDED_ACTION_LABEL[c.undecidedAction]],
        ['Revocations take effect', REVOKE_TIMING_LABEL[c.revokeTiming]],
        [
          'Recurrence',
          `${recurrenceLabel(c.recurrenceMonths)}${c.parent ? ` (started from ${c.parent.name})` : ''}`,
        ],
        ['Created by', c.createdBy?.displayName ?? (c.kind === 'MOVER' ? 'The mover event' : 'Not recorded')],
      ]}
    />
  );
}
