export {
  ZRevokeApiTokenInput as ZRevokeServiceAccountInput,
  ZRevokeApiTokenOutput as ZRevokeServiceAccountOutput,
} from '../api-tokens/api-token-row.schema.ts';
