import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { canAct } from './can-act.ts';
import { recordSignIn, signOut } from '@/server/modules/identities/index.ts';
import { resolveSignIn, signedInIdentity } from '@/server/modules/lifecycle/index.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { headerReader, isDemoSignInEnabled } from './demo-mode.ts';

const queue = createJobQueue(getWebBoss);

const oidcClaims = (user: { id: string; email?: string | null }, profile: unknown) => ({
  provider: 'oidc',
  subject: user.id,
  email: user.email ?? null,
  claims: (profile ?? {}) as Record<string, unknown>,
});

/** An OIDC sign-in, as the identity lifecycle sees it (the claims mapped by configuration). */
function oidcSignIn(user: { id: string; email?: string | null }, profile: unknown) {
  const env = getEnv();
  return resolveSignIn(
    getPrisma(),
    oidcClaims(user, profile),
    {
      jit: env.OIDC_JIT,
      usernameClaim: env.OIDC_USERNAME_CLAIM,
      employeeNumberClaim: env.OIDC_EMPLOYEE_NUMBER_CLAIM,
      roleGroups: env.OIDC_ROLE_GROUPS,
      groupsClaim: env.OIDC_GROUPS_CLAIM,
    },
    { queue },
  );
}

/** Built per request: providers depend on the environment (OIDC issuer, demo mode). */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  const providers: NextAuthOptions['providers'] = [];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: 'oidc',
      name: env.OIDC_DISPLAY_NAME,
      type: 'oauth',
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: env.OIDC_SCOPES } },
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
      // Okta, Entra ID and Keycloak differ in where the email is (Entra: often preferred_username or upn).
      profile(profile: Record<string, unknown>) {
        const claim = (name: string) =>
          typeof profile[name] === 'string' ? (profile[name] as string) : null;
        const email = claim(env.OIDC_EMAIL_CLAIM);
        return {
          id: String(profile.sub),
          email,
          name: claim('name') ?? claim(env.OIDC_USERNAME_CLAIM) ?? email ?? String(profile.sub),
        };
      },
    });
  }
  if (env.GATEHOUSE_DEMO) {
    providers.push(
      CredentialsProvider({
        id: 'demo',
        name: 'Demo persona',
        credentials: { username: { label: 'Username', type: 'text' } },
        async authorize(credentials, req) {
          const db = getPrisma();
          if (!(await isDemoSignInEnabled(db, headerReader(req.headers)))) return null;
          const username = String(credentials?.username ?? '').slice(0, 100);
          const identity = await db.identity.findUnique({
            where: { username },
            select: { id: true, displayName: true, email: true, status: true },
          });
          if (!identity || !canAct(identity.status)) return null;
          return { id: identity.id, name: identity.displayName, email: identity.email };
        },
      }),
    );
  }
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    events: {
      // The JWT lives in the browser; only the server can make it worthless (docs/decisions/040).
      async signOut({ token }) {
        if (token.identityId && token.sessionVersion !== undefined)
          await signOut(getPrisma(), token.identityId, token.sessionVersion);
      },
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === 'demo') return true;
        if (account?.provider !== 'oidc') return false;
        return (await oidcSignIn(user, profile)) ? true : '/signin?error=NotProvisioned';
      },
      async jwt({ token, user, account, profile }) {
        if (user && account) {
          const db = getPrisma();
          const resolved =
            account.provider === 'demo'
              ? await db.identity.findUnique({
                  where: { id: user.id },
                  select: { id: true, sessionVersion: true },
                })
              : await signedInIdentity(db, oidcClaims(user, profile));
          if (resolved) {
            token.identityId = resolved.id;
            token.sessionVersion = resolved.sessionVersion;
            // The token is made once per sign-in: this is where every way of signing in passes.
            await recordSignIn(db, {
              identityId: resolved.id,
              sessionVersion: resolved.sessionVersion,
              method: account.provider === 'demo' ? 'demo' : 'oidc',
            });
          }
        }
        return token;
      },
      session({ session, token }) {
        session.identityId = token.identityId ?? '';
        session.sessionVersion = token.sessionVersion ?? -1;
        return session;
      },
    },
  };
}
