import { router } from '../../init.ts';
import { listAttributeConflicts } from './list-attribute-conflicts.ts';
import { listCorrelationCases } from './list-correlation-cases.ts';
import { resolveAttributeConflict } from './resolve-attribute-conflict.ts';
import { resolveCorrelationCase } from './resolve-correlation-case.ts';

export const lifecycleRouter = router({
  correlationCases: listCorrelationCases,
  resolveCorrelationCase,
  conflicts: listAttributeConflicts,
  resolveConflict: resolveAttributeConflict,
});
