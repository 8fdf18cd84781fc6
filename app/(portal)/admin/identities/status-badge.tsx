import { Badge } from '../../../_components/ui/badge.tsx';

const TONE = { ACTIVE: 'green', PREHIRE: 'blue', SUSPENDED: 'amber', TERMINATED: 'gray' } as const;
const LABEL = { ACTIVE: 'Active', PREHIRE: 'Pre-hire', SUSPENDED: 'Suspended', TERMINATED: 'Left' } as const;

export function IdentityStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
