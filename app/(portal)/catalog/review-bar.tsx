'use client';

import { useEffect, useState } from 'react';
import { countOf } from '../../_components/ui/format.ts';
import { Button } from '@/app/_components/ui/button.tsx';

/**
 * On a phone the request form sits below every card: once something is picked, a bar stays at the
 * bottom of the screen ("2 selected — Review request") until the form itself is on screen.
 */
export function ReviewBar({
  count,
  formRef,
  onReview,
}: {
  count: number;
  formRef: React.RefObject<HTMLDivElement | null>;
  onReview: () => void;
}) {
  const [formVisible, setFormVisible] = useState(false);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const observer = new IntersectionObserver(([entry]) => setFormVisible(entry?.isIntersecting ?? false));
    observer.observe(form);
    return () => observer.disconnect();
  }, [formRef]);
  if (formVisible) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-2px_8px_rgb(0_0_0/0.06)] backdrop-blur lg:hidden">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3">
        <p className="text-sm font-medium text-slate-900" aria-live="polite">
          {countOf(count, 'item')} selected
        </p>
        <Button onClick={onReview}>Review request</Button>
      </div>
    </div>
  );
}

/** A card's warning that picking it would conflict with access the person already holds. */
export function ConflictHint({
  conflicts,
}: {
  conflicts: { ruleName: string; severity: 'BLOCK' | 'MITIGATABLE' }[];
}) {
  const blocks = conflicts.some((c) => c.severity === 'BLOCK');
  return (
    <p
      className={`mt-2 rounded-md px-2 py-1 text-xs break-words ${blocks ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900'}`}
    >
      <span className="font-medium">
        {blocks ? 'Conflicts with your access' : 'Needs a control with your access'}:
      </span>{' '}
      {conflicts.map((c) => c.ruleName).join(', ')}
    </p>
  );
}
