'use client';

import type { TRetryFailuresOutput } from '@/server/trpc/routers/provisioning/retry-failures.schema.ts';
import { Notice } from '../../../_components/ui/card.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { kindLabel } from '../_components/operations.tsx';

type TOutcome = TRetryFailuresOutput['retried'][number];
const describe = (o: TOutcome) =>
  `${kindLabel(o.kind)}${o.entitlement ? ` “${o.entitlement}”` : ''} for ${o.account} in ${o.application}`;

/** What a bulk retry did: how many went back in line, and each one that did not, with why. */
export function RetryResult({ result }: { result: TRetryFailuresOutput }) {
  const { retried, skipped, remaining } = result;
  return (
    <Notice tone={skipped.length ? 'info' : 'success'}>
      <p>
        {retried.length ? `Retrying ${countOf(retried.length, 'failure')}.` : 'Nothing was retried.'}
        {remaining ? ` ${countOf(remaining, 'more failure')} of this cause wait for the next retry.` : ''}
      </p>
      {skipped.length ? (
        <>
          <p className="mt-1">
            {skipped.length === 1 ? 'One was not retried:' : `${skipped.length} were not retried:`}
          </p>
          <ul aria-label="Not retried" className="mt-1 list-disc space-y-0.5 pl-5 break-words">
            {skipped.map((s) => (
              <li key={s.id}>
                {describe(s)}: {s.reason}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Notice>
  );
}
