/** "34 of 120 done" with a bar; the bar is decoration, the words say it all. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label?: string }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="min-w-32">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">
          {label ? `${label}: ` : ''}
          {done} of {total} done
        </span>
        <span className="text-xs text-slate-500">{percent}%</span>
      </div>
      <div
        aria-hidden
        className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200 print:border print:border-slate-400"
      >
        <div
          className="h-full rounded-full bg-brand-600 print:bg-slate-700"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
