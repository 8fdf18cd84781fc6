import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { appRouter } from '../root.ts';
import { PROBLEM_JSON } from './problem-details.ts';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details: every error of this API.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'urn:gatehouse:problem:<code>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong, in words' },
    instance: { type: 'string' },
    code: {
      type: 'string',
      description:
        'The domain error code (SOD_CONFLICT, NOT_ASSIGNED_APPROVER…) or the transport’s (FORBIDDEN, TOO_MANY_REQUESTS…)',
    },
    details: { type: ['object', 'null'], additionalProperties: true },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const DESCRIPTION = [
  'The operations automation needs, as the person an API token acts for. Create a token under Settings → API tokens',
  '(or, for a team’s automation, a service account under Administration) and send it as `Authorization: Bearer <token>`.',
  'A token does at most what both its permissions and its person’s current roles allow. Each token is rate-limited',
  '(429 with Retry-After); every error is RFC 9457 `application/problem+json`. Searches and reports whose filters',
  'have structure (a paging cursor) are POST with a JSON body.',
].join(' ');

const cache = new Map<string, OpenAPIObject>();

/**
 * The OpenAPI 3.1 document, generated from the procedures' own zod input and output schemas (their
 * `openapi` meta says method and path): no second schema to drift. Error responses are rewritten to
 * the problem+json this API answers with.
 */
export function getOpenApiDocument(origin: string): OpenAPIObject {
  const cached = cache.get(origin);
  if (cached) return cached;
  const doc = generateOpenApiDocument(appRouter, {
    title: 'Gatehouse API',
    version: '1.0.0',
    description: DESCRIPTION,
    baseUrl: `${origin}/api/v1`,
    securitySchemes: {
      ApiToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'A personal API token (gh_pat_…) or a service account (gh_sat_…)',
      },
    },
  });
  const problemRef = { $ref: '#/components/schemas/Problem' };
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Problem: PROBLEM_SCHEMA as never },
  };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(
      item as Record<string, { responses?: Record<string, { description?: string; content?: unknown }> }>,
    )) {
      const responses = operation.responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400)
          responses[status] = {
            description: response.description ?? 'An error',
            content: { [PROBLEM_JSON]: { schema: problemRef } },
          };
      }
      responses['429'] = {
        description: 'Too many calls for this token: wait Retry-After seconds',
        content: { [PROBLEM_JSON]: { schema: problemRef } },
      };
    }
  }
  cache.set(origin, doc);
  return doc;
}
