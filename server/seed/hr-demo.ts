import fs from 'node:fs';
import path from 'node:path';
import type { TDb } from '@/server/db/client.ts';
import crypto from 'node:crypto';
import pg from 'pg';
import { encryptSecret, parseSecretKey, sourceSecretBinding } from '@/server/lib/secret-box.ts';
import { ACME_PEOPLE } from './acme.ts';

const DAY_MS = 86_400_000;

/** One row of the demo HR system (the `hr.employees` table). */
export type THrEmployee = {
  empNo: string;
  firstName: string;
  lastName: string;
  email: string;
  department: string;
  jobTitle: string;
  location: string;
  costCenter: string;
  employmentType: string;
  status: string;
  startDate: Date | null;
  managerEmpNo: string | null;
};

/** The Acme people as the HR system knows them: the same numbers, names and dates the seed gives them. */
export function acmeHrEmployees(now: Date): THrEmployee[] {
  const numbers = new Map(ACME_PEOPLE.map((p, i) => [p.username, `E${1001 + i}`]));
  return ACME_PEOPLE.map((p, i) => ({
    empNo: numbers.get(p.username)!,
    firstName: p.firstName,
    lastName: p.lastName,
    email: `${p.username}@acme.test`,
    department: p.department,
    jobTitle: p.title,
    location: p.location,
    costCenter: p.costCenter,
    employmentType: {
      EMPLOYEE: 'Employee',
      CONTRACTOR: 'Contractor',
      INTERN: 'Intern',
      TEMPORARY: 'Temporary',
    }[p.employmentType ?? 'EMPLOYEE'],
    status: 'Active',
    startDate: new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (400 + i * 17) * DAY_MS,
    ),
    managerEmpNo: p.manager ? numbers.get(p.manager)! : null,
  }));
}

/**
 * The demo's stand-in for an HR system: an `hr` schema with a table of employees and the view
 * `hr.employees_v` an HR database source reads. Idempotent: existing rows are left alone, so edits
 * made to the table show up on the next sync.
 */
export async function ensureHrDemoSchema(db: TDb, employees: THrEmployee[]): Promise<void> {
  await db.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS hr`);
  await db.$executeRawUnsafe(`
    CREATE TABLE IF NOT EXISTS hr.employees (
      emp_no text PRIMARY KEY,
      first_name text NOT NULL,
      last_name text NOT NULL,
      work_email text,
      department text,
      job_title text,
      location text,
      cost_center text,
      employment_type text NOT NULL DEFAULT 'Employee',
      status text NOT NULL DEFAULT 'Active',
      start_date date,
      end_date date,
      manager_emp_no text
    )`);
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE VIEW hr.employees_v AS
      SELECT emp_no, first_name, last_name, work_email AS email, department, job_title AS title, location,
             cost_center, employment_type, status, start_date, end_date, manager_emp_no
        FROM hr.employees`);
  await db.$executeRaw`
    INSERT INTO hr.employees (emp_no, first_name, last_name, work_email, department, job_title, location, cost_center, employment_type, status, start_date, manager_emp_no)
    SELECT e."empNo", e."firstName", e."lastName", e.email, e.department, e."jobTitle", e.location, e."costCenter", e."employmentType", e.status, e."startDate"::date, e."managerEmpNo"
      FROM jsonb_to_recordset(${JSON.stringify(employees.map((e) => ({ ...e, startDate: e.startDate?.toISOString().slice(0, 10) ?? null })))}::jsonb) AS e(
        "empNo" text, "firstName" text, "lastName" text, email text, department text, "jobTitle" text, location text, "costCenter" text,
        "employmentType" text, status text, "startDate" text, "managerEmpNo" text)
    ON CONFLICT (emp_no) DO NOTHING`;
}

/**
 * The HR database source connects with the URL it was given (the portal's role, which the worker
 * holds anyway): that role may read the view and nothing else of `hr`. Run as the owner of `hr`.
 */
export async function grantHrDemoReader(db: TDb, databaseUrl: string): Promise<void> {
  const reader = decodeURIComponent(new URL(databaseUrl).username);
  const [here] = await db.$queryRaw<
    Array<{ me: string; view: boolean }>
  >`SELECT current_user::text AS me, to_regclass('hr.employees_v') IS NOT NULL AS view`;
  if (!here?.view || !reader || reader === here.me) return;
  await db.$executeRawUnsafe(`GRANT USAGE ON SCHEMA hr TO ${pg.escapeIdentifier(reader)}`);
  await db.$executeRawUnsafe(`GRANT SELECT ON hr.employees_v TO ${pg.escapeIdentifier(reader)}`);
}

/** The column mapping of the demo HR CSV and of the HR view (the same names). */
export const DEMO_HR_COLUMNS = {
  employeeNumber: 'emp_no',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  department: 'department',
  title: 'title',
  location: 'location',
  costCenter: 'cost_center',
  employmentType: 'employment_type',
  status: 'status',
  startDate: 'start_date',
  endDate: 'end_date',
  managerEmployeeNumber: 'manager_emp_no',
};

/**
 * Acme's two HR sources: a CSV drop (a folder, and uploads in the admin UI) and the HR database (the
 * view above, hourly). HR owns department, title, manager and status; an identity provider that
 * pushes over SCIM is ranked lower, except for email.
 */
export async function seedHrSources(
  db: TDb,
  deps: { secretKey: string; databaseUrl?: string; dataDir?: string; now: Date },
): Promise<void> {
  const inbox = deps.dataDir ? path.join(deps.dataDir, 'hr-inbox') : undefined;
  if (inbox) fs.mkdirSync(inbox, { recursive: true });
  const common = {
    attributePrecedence: { email: 60 },
    required: ['employeeNumber', 'firstName', 'lastName', 'department'],
    columns: DEMO_HR_COLUMNS,
    dateFormat: 'YYYY-MM-DD',
  };
  await db.identitySource.upsert({
    where: { key: 'hr-csv' },
    create: {
      key: 'hr-csv',
      name: 'HR file drop',
      kind: 'HR_CSV',
      precedence: 20,
      config: { ...common, ...(inbox ? { folder: inbox } : {}) },
    },
    update: {},
  });
  if (!deps.databaseUrl) return;
  await ensureHrDemoSchema(db, acmeHrEmployees(deps.now));
  await grantHrDemoReader(db, deps.databaseUrl);
  const sourceId = crypto.randomUUID();
  await db.identitySource.upsert({
    where: { key: 'hr-database' },
    create: {
      id: sourceId,
      key: 'hr-database',
      name: 'HR database',
      kind: 'HR_DATABASE',
      precedence: 10,
      schedule: '15 * * * *',
      config: { ...common, query: 'SELECT * FROM hr.employees_v ORDER BY emp_no' },
      secrets: encryptSecret(
        JSON.stringify({ connectionString: deps.databaseUrl }),
        parseSecretKey(deps.secretKey),
        sourceSecretBinding(sourceId),
      ),
    },
    update: {},
  });
}
