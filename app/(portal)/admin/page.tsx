import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { ADMIN_SECTIONS } from './sections.ts';

export default async function AdminHome() {
  const actor = await getCurrentActor();
  const first = actor ? ADMIN_SECTIONS.find((s) => hasPermission(actor, s.permission)) : undefined;
  redirect(first?.href ?? '/catalog');
}
