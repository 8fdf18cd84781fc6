import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { headerReader, isDemoSignInEnabled } from './demo-mode.ts';
import { listDemoPersonas } from './demo-personas.ts';

/** What the sign-in page offers on this request: the demo personas (loopback demo only) and the OIDC provider. */
export async function signInChoices(headers: Headers) {
  const env = getEnv();
  const db = getPrisma();
  const demo = await isDemoSignInEnabled(db, headerReader(headers));
  const personas = demo ? await listDemoPersonas(db) : [];
  return {
    demo,
    personas: personas.map(({ username, displayName, title, blurb, group }) => ({
      username,
      displayName,
      title,
      blurb,
      group,
    })),
    oidc: env.OIDC_ISSUER ? { name: env.OIDC_DISPLAY_NAME } : null,
  };
}
