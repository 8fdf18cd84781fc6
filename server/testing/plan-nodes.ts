/** A node of `EXPLAIN (FORMAT JSON)`'s plan, with the fields the plan-shape tests read. */
export type TPlanNode = {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'One-Time Filter'?: string;
  Filter?: string;
  Plans?: TPlanNode[];
};

/** `EXPLAIN (FORMAT JSON)`'s one row, as the client returns it. */
export type TExplained = Array<{ 'QUERY PLAN': Array<{ Plan: TPlanNode }> }>;

/** A plan node and every node under it, depth first. */
export const nodesOf = (node: TPlanNode): TPlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];
