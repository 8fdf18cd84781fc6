import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { ADMIN_SECTIONS } from './sections.ts';

export default async function AdminHome() {
  const actor = await getCurrentActor();
  const first = ADMIN_SECTIONS.find((s) => s.roles.some((r) => actor?.roles.has(r as never)));
  redirect(first?.href ?? '/catalog');
}
