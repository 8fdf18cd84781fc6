'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Notice, Spinner } from '../../../_components/ui/card.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

export function RuleView({ id }: { id: string }) {
  const trpc = useTRPC();
  const rules = useQuery(trpc.birthright.list.queryOptions());
  useDocumentTitle([rules.data?.find((r) => r.id === id)?.name, 'Birthright rules']);
  if (rules.isPending) return <Spinner label="Loading the rule" />;
  if (rules.error) return <QueryError query={rules} />;
  const rule = rules.data.find((r) => r.id === id);
  if (!rule) return <Notice tone="error">No such rule.</Notice>;
  return (
    <RuleEditor
      key={rule.id}
      rule={{
        id: rule.id,
        name: rule.name,
        description: rule.description,
        enabled: rule.enabled,
        holders: rule.holders,
        condition: rule.condition,
        grants: rule.grants.map((g) => ({ kind: g.kind, id: g.id })),
      }}
    />
  );
}
