import type { OutlineNode, Plan } from "./plan-types.js";

/** Every outline unit of a plan (or of several), in document order: each unit, then its sub-units. */
export function outlineNodesOf(plans: Pick<Plan, "outline"> | readonly Pick<Plan, "outline">[]): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const visit = (node: OutlineNode): void => {
    nodes.push(node);
    node.children.forEach(visit);
  };
  for (const plan of Array.isArray(plans) ? plans : [plans]) plan.outline.forEach(visit);
  return nodes;
}
