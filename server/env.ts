import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHostname } from '@/server/lib/loopback.ts';
import { parseRoleGroups } from '@/server/auth/portal-role-groups.ts';

const ZBooleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** The worker's tuning: read on its own, as job definitions are built when imported (before, and without, the rest). */
const ZWorkerTuning = z.object({
  /** Provisioning jobs one fetch takes. */
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(128),
  /** Provisioning fetch loops in one worker process, so fetching one batch overlaps applying another. */
  WORKER_FETCH_LOOPS: z.coerce.number().int().min(1).max(16).default(2),
});

/** Files in flight, shared by the web app and the worker. */
const ZFileSettings = z.object({
  /** A folder the web app and the worker share (uploaded HR files wait there for their run). */
  GATEHOUSE_DATA_DIR: z.string().optional(),
  /** Folders besides the data folder where admins may put HR drop folders, ":"-separated absolute paths. */
  GATEHOUSE_SOURCE_FOLDERS: z
    .string()
    .optional()
    .refine(
      (v) => !v || v.split(path.delimiter).every((p) => !p.trim() || path.isAbsolute(p.trim())),
      'every folder in GATEHOUSE_SOURCE_FOLDERS must be an absolute path',
    ),
});

/** Mail: the SMTP server, the sender, and the base of the links in messages. */
const ZMailSettings = z.object({
  NEXTAUTH_URL: z.string().url().default('http://localhost:3000'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Gatehouse <gatehouse@localhost>'),
});

const ZEnv = z
  .object({
    ...ZWorkerTuning.shape,
    ...ZFileSettings.shape,
    ...ZMailSettings.shape,
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z.string().url('DATABASE_URL must be a postgresql:// URL'),
    NEXTAUTH_SECRET: z.string().min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
    /** 32 bytes, base64 or hex: encrypts connector secrets at rest. */
    GATEHOUSE_SECRET_KEY: z.string().min(32, 'GATEHOUSE_SECRET_KEY must be 32 bytes in base64 or hex'),
    /** Lists the demo personas on the sign-in page. Refused unless the portal runs on loopback. */
    GATEHOUSE_DEMO: ZBooleanString,
    /** The address the web server listens on, as the launcher bound it (`next start -H`); demo sign-in needs loopback. */
    GATEHOUSE_LISTEN_HOST: z.string().optional(),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_DISPLAY_NAME: z.string().default('Single sign-on'),
    /** Scopes to ask for; Entra ID and Okta need `offline_access` only for refresh tokens, which Gatehouse does not use. */
    OIDC_SCOPES: z.string().default('openid email profile'),
    /** The ID-token claims that carry the email, the username and (optionally) the employee number. */
    OIDC_EMAIL_CLAIM: z.string().default('email'),
    OIDC_USERNAME_CLAIM: z.string().default('preferred_username'),
    OIDC_EMPLOYEE_NUMBER_CLAIM: z.string().optional(),
    /** Just-in-time: a person who signs in and is not known yet is created from the token's claims. */
    OIDC_JIT: z
      .enum(['true', 'false', '1', '0', ''])
      .optional()
      .transform((v) => v !== 'false' && v !== '0'),
    /** The REST API's per-token rate limit (docs/decisions/070): calls a token may make at once, and earns back per minute. */
    API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(10_000).default(60),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    /** The claim that lists a person's IdP groups (Okta, Keycloak: `groups`; Entra: `groups` or `roles`). */
    OIDC_GROUPS_CLAIM: z.string().default('groups'),
    /**
     * Portal roles the IdP decides, from its groups: `IDENTITY_ADMIN=idm-team;AUDITOR=internal-audit,sox`.
     * Each sign-in grants the mapped roles of the groups in the token and takes away the mapped roles
     * of groups it no longer lists; roles not named here are left to Gatehouse.
     */
    OIDC_ROLE_GROUPS: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text?.trim()) return undefined;
        try {
          return parseRoleGroups(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
  })
  .superRefine((env, ctx) => {
    if (env.GATEHOUSE_DEMO && !isLoopbackHostname(new URL(env.NEXTAUTH_URL).hostname)) {
      ctx.addIssue({
        code: 'custom',
        path: ['GATEHOUSE_DEMO'],
        message:
          'demo sign-in works only when NEXTAUTH_URL is a loopback address (localhost); unset GATEHOUSE_DEMO',
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
      });
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

/**
 * The validated environment, shared by the web app and the worker. Read lazily so that `next build`
 * (which imports route modules) does not need a database URL.
 */
export function getEnv(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Validates an environment; the error lists every problem, one line each. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const ZPostgresUrl = (name: string) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().url(`${name} must be a postgresql:// URL`).optional(),
  );

/**
 * What the launcher and `npm run db:migrate` read to reach the database. DATABASE_URL is the portal's
 * role, which the web app and the worker use; DATABASE_OWNER_URL, when given, the owner that runs
 * migrations and grants (docs/decisions/051). The web app and the worker never get the owner's URL.
 */
const ZDatabaseSetupEnv = z
  .object({
    DATABASE_URL: ZPostgresUrl('DATABASE_URL'),
    DATABASE_OWNER_URL: ZPostgresUrl('DATABASE_OWNER_URL'),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_OWNER_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_OWNER_URL'],
        message: "set DATABASE_URL too: the portal's own role, which the owner's grants are for",
      });
    }
  });

export type TDatabaseSetupEnv = z.infer<typeof ZDatabaseSetupEnv>;

export function parseDatabaseSetupEnv(source: Record<string, string | undefined>): TDatabaseSetupEnv {
  const parsed = ZDatabaseSetupEnv.safeParse({
    DATABASE_URL: source.DATABASE_URL,
    DATABASE_OWNER_URL: source.DATABASE_OWNER_URL,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** For tests that change process.env. */
export function resetEnvCache() {
  cached = undefined;
}

function parsePart<T extends z.ZodTypeAny>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(
      `Invalid environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

/** The worker's tuning, read when asked (the environment as it is now). */
export const workerTuning = (source: Record<string, string | undefined> = process.env) =>
  parsePart(ZWorkerTuning, source);
/** The shared data folder and the allowed HR drop folders, read when asked. */
export const fileSettings = (source: Record<string, string | undefined> = process.env) =>
  parsePart(ZFileSettings, source);
/** Mail settings, read when asked: a worker started in a test picks up the SMTP server the test started. */
export const mailSettings = (source: Record<string, string | undefined> = process.env) =>
  parsePart(ZMailSettings, source);

/** Development mode (next dev): the CSP allows what the dev server's reloads need. */
export const isDevelopment = () => process.env.NODE_ENV === 'development';
/** Inside the test runner: extra checks that cost time in production run (e.g. audit payloads against their schemas). */
export const isTestRun = () => Boolean(process.env.VITEST);
