import { Notice } from '../../../_components/ui/card.tsx';

export type TResult = { applied: string[]; refused: Array<{ label: string; reason: string }> };

/** What the last decision did: the items decided, and those the server refused with its reasons. */
export function DecisionResult({ result, onDismiss }: { result: TResult | null; onDismiss: () => void }) {
  if (!result) return null;
  return (
    <div className="mb-4 space-y-2" aria-live="polite">
      {result.applied.length ? (
        <Notice tone="success">
          {result.applied.length === 1 ? '1 item decided' : `${result.applied.length} items decided`}:{' '}
          {result.applied.join('; ')}.{' '}
          <button type="button" className="font-medium underline" onClick={onDismiss}>
            Dismiss
          </button>
        </Notice>
      ) : null}
      {result.refused.length ? (
        <Notice tone="error">
          {result.refused.length === 1
            ? '1 item was not decided'
            : `${result.refused.length} items were not decided`}
          :
          <ul className="mt-1 list-disc pl-5">
            {result.refused.map((r, i) => (
              <li key={i} className="break-words">
                {r.label}: {r.reason}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </div>
  );
}
