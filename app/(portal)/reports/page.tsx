import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { REPORT_SECTIONS } from './sections.ts';

export default async function ReportsHome() {
  const actor = await getCurrentActor();
  const first = actor ? REPORT_SECTIONS.find((s) => hasPermission(actor, s.permission)) : undefined;
  redirect(first?.href ?? '/catalog');
}
