/**
 * REST API errors as Salesforce sends them: an HTTP status and a JSON array of
 * `{ message, errorCode, fields }` ("Status Codes and Error Responses", REST API Developer Guide).
 */
export type TApiErrorItem = { message: string; errorCode: string; fields: string[] };

export class ApiFault extends Error {
  constructor(
    readonly status: number,
    readonly errors: TApiErrorItem[],
  ) {
    super(errors.map((e) => `${e.errorCode}: ${e.message}`).join('; '));
  }
}

export const fault = (status: number, errorCode: string, message: string, fields: string[] = []) =>
  new ApiFault(status, [{ message, errorCode, fields }]);

export const notFound = () => fault(404, 'NOT_FOUND', 'The requested resource does not exist');
export const entityIsDeleted = () => fault(404, 'ENTITY_IS_DELETED', 'entity is deleted');
