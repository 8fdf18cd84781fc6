import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';
import { ProgressBar } from './progress-bar.tsx';

/** Who reviews at each stage, and how far each reviewer has come. */
export function CampaignReviewers({ c }: { c: TCampaignDetail }) {
  return (
    <div className="grid gap-6 md:grid-cols-2 print:grid-cols-2">
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">Stages</h3>
        <ol className="list-inside list-decimal space-y-1 text-sm text-slate-900" aria-label="Review stages">
          {c.stages.map((s) => (
            <li key={s.position}>{s.words}</li>
          ))}
        </ol>
      </div>
      <div>
        <h3 className="mb-2 text-sm font-medium text-slate-700">Progress by reviewer</h3>
        {c.reviewers.length ? (
          <ul className="space-y-3" aria-label="Progress by reviewer">
            {c.reviewers.map((r) => (
              <li key={r.id ?? 'none'}>
                <ProgressBar
                  done={r.done}
                  total={r.total}
                  label={r.kind === 'TEAM' ? `Team ${r.name}` : r.name}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No items yet: the campaign has not started.</p>
        )}
      </div>
    </div>
  );
}
