/**
 * Relations schema.prisma declares whose foreign key the database does not have: triggers check them
 * once per statement instead, with the key's refusals and delete actions (docs/decisions/107). Prisma
 * reads through them as through any relation (it needs no key for that); the schema check expects no
 * key for them, so a key added back shows as one the schema lacks. `model.field`, as in schema.prisma.
 */
export const TRIGGER_CHECKED_RELATIONS: ReadonlySet<string> = new Set([
  // db_operation_references, db_operation_relink, db_operation_referenced, db_operation_id_kept
  // (migration 20261206034313_operation_statement_checks): an HR delta writes 11,000 operations.
  'ProvisioningOperation.application',
  'ProvisioningOperation.account',
  'ProvisioningOperation.identity',
  'ProvisioningOperation.entitlement',
]);
