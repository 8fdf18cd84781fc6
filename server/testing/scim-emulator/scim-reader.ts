/**
 * Reads and seeds a SCIM target with plain fetch, never through the connector under test, so the
 * suites check what the target really holds. `authorization` is the harness's own credential.
 */
export type TScimReader = ReturnType<typeof createScimReader>;

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
type TJson = Record<string, unknown>;

export function createScimReader(baseUrl: string, authorization: string) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: TJson | null }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        accept: 'application/scim+json',
        ...(body ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as TJson) : null };
  };
  const must = async (method: string, path: string, body?: unknown): Promise<TJson> => {
    const r = await call(method, path, body);
    if (r.status >= 300 || !r.body)
      throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const user = async (id: string) => {
    const r = await call('GET', `/Users/${encodeURIComponent(id)}`);
    return r.status === 404 ? null : r.body;
  };
  const group = (id: string) => must('GET', `/Groups/${encodeURIComponent(id)}`);

  return {
    call,
    user,
    group,
    async createUser(resource: TJson): Promise<string> {
      const created = await must('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        ...resource,
      });
      return String(created.id);
    },
    async createGroup(displayName: string): Promise<string> {
      const created = await must('POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName,
        members: [],
      });
      return String(created.id);
    },
    deleteGroup: (id: string) => call('DELETE', `/Groups/${encodeURIComponent(id)}`),
    async members(groupId: string): Promise<string[]> {
      const members = ((await group(groupId)).members ?? []) as Array<{ value: string }>;
      return members.map((m) => m.value);
    },
    /** The flat names the suites use, read the way RFC 7643 lays them out. */
    async attribute(id: string, name: string): Promise<string | string[] | null> {
      const u = (await user(id)) ?? {};
      const nameOf = (u.name ?? {}) as TJson;
      const emails = (u.emails ?? []) as Array<{ type?: string; value?: string }>;
      const enterprise = (u[ENTERPRISE] ?? {}) as TJson;
      const value: Record<string, unknown> = {
        givenName: nameOf.givenName,
        familyName: nameOf.familyName,
        email: emails.find((e) => e.type === 'work')?.value,
        department: enterprise.department,
        employeeNumber: enterprise.employeeNumber,
      };
      const v = name in value ? value[name] : u[name];
      return v === undefined || v === null ? null : (v as string | string[]);
    },
  };
}
