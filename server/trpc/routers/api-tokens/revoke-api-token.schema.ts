export { ZRevokeApiTokenInput, ZRevokeApiTokenOutput } from './api-token-row.schema.ts';
