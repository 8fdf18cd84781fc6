import Link from 'next/link';
import type { z } from 'zod';
import type { ZHeldAccess } from '@/server/trpc/routers/provisioning/provisioning.schema.ts';
import { countOf, formatDateTime } from '../../../_components/ui/format.ts';
import { SentenceText } from '@/app/_components/ui/day-text.tsx';

type THeld = z.infer<typeof ZHeldAccess>;

/**
 * What a disabled application holds back, in one sentence: who disabled it and when (when recorded),
 * how many people have changes waiting and the first of them. The provisioning overview and the
 * application's page say the same (the server's marks, docs/decisions/111).
 */
export function HeldAccessSummary({
  enabled,
  disabledAt,
  disabledBy,
  held,
}: {
  enabled: boolean;
  disabledAt: Date | null;
  disabledBy: { id: string; displayName: string } | null;
  held: THeld;
}) {
  if (enabled && held.count === 0) return null;
  const more = held.count - held.people.length;
  return (
    <p className="text-sm text-slate-700">
      {enabled ? (
        'Enabled again: the held changes are being planned. '
      ) : (
        <>
          Disabled{disabledAt ? <SentenceText text={` since ${formatDateTime(disabledAt)}`} /> : ''}
          {disabledBy ? ` by ${disabledBy.displayName}` : ''}: provisioning is paused.{' '}
        </>
      )}
      {held.count === 0 ? (
        'No changes are held.'
      ) : (
        <>
          {countOf(held.count, 'person', 'people')} {held.count === 1 ? 'has' : 'have'} changes held
          {enabled ? '' : ' until it is enabled'}:{' '}
          {held.people.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ', ' : ''}
              <Link href={`/admin/identities/${p.id}`} className="text-brand-700 hover:underline">
                {p.displayName}
              </Link>
            </span>
          ))}
          {more > 0 ? ` and ${more} more` : ''}.{' '}
          {/* The marks count people, not operations or findings (111): it says what it leaves out. */}
          Reconciliation findings are not counted here.
        </>
      )}
    </p>
  );
}
