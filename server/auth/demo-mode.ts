import type { TDb } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';

export const DEMO_SETTING_KEY = 'demo.organisation';

/**
 * Demo sign-in (pick a persona, no password) needs all three: GATEHOUSE_DEMO=true, a loopback
 * NEXTAUTH_URL (checked when the environment is read), and a database that the demo seed created.
 * A production deployment cannot meet the last two by accident.
 */
export async function isDemoSignInEnabled(db: TDb): Promise<boolean> {
  if (!getEnv().GATEHOUSE_DEMO) return false;
  const marker = await db.systemSetting.findUnique({ where: { key: DEMO_SETTING_KEY }, select: { key: true } });
  return marker !== null;
}
