/** RFC 7644 §3.12 scimType values (only with status 400, and uniqueness with 409). */
export type TScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A SCIM protocol error: the transport renders it as an RFC 7644 error body with this status. */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: TScimType | null;

  constructor(status: number, scimType: TScimType | null, detail: string) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }
}

export const isScimError = (error: unknown): error is ScimError => error instanceof ScimError;

export const notFound = (what: string, id: string) => new ScimError(404, null, `${what} ${id} not found`);
