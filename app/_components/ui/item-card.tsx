import { Card } from './card.tsx';
import { RowActions, type TRowRemoval } from './row-actions.tsx';

/**
 * One thing in an admin list of cards (a policy, an SoD rule): an article named by it, its name and
 * a line under it, its badges on the right, what the page says about it, and "Edit" / "Delete…"
 * when the person may change it (`actions`, null otherwise). Rendered as the list's `li`.
 */
export function ItemCard({
  name,
  detail,
  badges,
  actions,
  children,
}: {
  name: string;
  detail?: React.ReactNode;
  badges?: React.ReactNode;
  actions: { onEdit: () => void; remove: TRowRemoval } | null;
  children?: React.ReactNode;
}) {
  return (
    <Card as="li" className="min-w-0 p-4">
      <article aria-label={name}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 className="font-semibold break-words text-slate-900">{name}</h2>
            {detail}
          </div>
          {badges ? <div className="flex flex-wrap items-center gap-2">{badges}</div> : null}
        </div>
        {children}
        {actions ? (
          <div className="mt-3">
            <RowActions onEdit={actions.onEdit} remove={actions.remove} />
          </div>
        ) : null}
      </article>
    </Card>
  );
}
