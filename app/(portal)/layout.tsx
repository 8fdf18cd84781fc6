import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { permissionsOf } from '@/server/auth/permissions.ts';
import { TrpcProvider } from '../_trpc/client.tsx';
import { AppShell } from '../_components/app-shell.tsx';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  if (!actor) redirect('/signin');
  return (
    <TrpcProvider>
      <AppShell
        actor={{
          displayName: actor.displayName,
          username: actor.username,
          roles: [...actor.roles],
          permissions: permissionsOf(actor),
        }}
      >
        {children}
      </AppShell>
    </TrpcProvider>
  );
}
