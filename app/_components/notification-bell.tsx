'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '../_trpc/client.tsx';
import { formatRelative } from './ui/format.ts';

export function NotificationBell({ unread }: { unread: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const list = useQuery({ ...trpc.notifications.list.queryOptions(), enabled: open });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
    }),
  );

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (panel.current && !panel.current.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        onClick={() => {
          setOpen((o) => !o);
          if (!open && unread > 0) markRead.mutate({});
        }}
        className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          aria-hidden
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="absolute -top-0.5 -right-0.5 grid min-w-4 place-items-center rounded-full bg-red-600 px-1 text-[10px] font-semibold text-white">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="absolute right-0 z-30 mt-2 w-80 rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="border-b border-slate-100 px-4 py-2 text-sm font-semibold">Notifications</div>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {(list.data ?? []).map((n) => (
              <li key={n.id} className="px-4 py-3 text-sm">
                {n.link ? (
                  <Link
                    href={n.link}
                    className="font-medium text-slate-900 hover:underline"
                    onClick={() => setOpen(false)}
                  >
                    {n.title}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900">{n.title}</span>
                )}
                {n.body ? <p className="mt-0.5 line-clamp-2 text-slate-600">{n.body}</p> : null}
                <p className="mt-1 text-xs text-slate-500">{formatRelative(n.createdAt)}</p>
              </li>
            ))}
            {list.data?.length === 0 ? (
              <li className="px-4 py-6 text-center text-sm text-slate-500">Nothing new.</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
