import type { Node } from 'yaml';
import { yamlPackage } from '../lazy-packages.ts';
import type { NodeProblem, NodeRole } from './yaml-node-check.ts';
import { YAML_NODE_CHECKS } from './yaml-node-checks.ts';

/**
 * How deeply lists and mappings may nest in a project file. The deepest real case nests about 20 levels; far
 * deeper input only exhausts the stack of the parser, the schema validator or the runner.
 */
export const MAX_NESTING_DEPTH = 64;

/** A problem found in a node, with the node's source range (character offsets). */
export interface NodeFinding extends NodeProblem {
  readonly range: readonly [number, number];
}

/**
 * Runs every check of YAML_NODE_CHECKS on every node below `root`, keys included, and reports nesting deeper than
 * MAX_NESTING_DEPTH once, at the first collection past the limit. Iterative, so deep input cannot overflow it.
 */
export function checkYamlNodes(root: unknown): NodeFinding[] {
  const { isCollection, isNode, isPair } = yamlPackage();
  const findings: NodeFinding[] = [];
  const stack: { node: Node; role: NodeRole; depth: number }[] = [];
  if (isNode(root)) stack.push({ node: root, role: 'value', depth: 1 });
  let deepReported = false;
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const { node, role, depth } = next;
    const range: readonly [number, number] = node.range ? [node.range[0], node.range[1]] : [0, 1];
    for (const check of YAML_NODE_CHECKS) {
      const problem = check(node, role);
      if (problem) findings.push({ ...problem, range });
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      if (!deepReported) {
        deepReported = true;
        findings.push({
          code: 'too-deep',
          message: `lists and mappings nest more than ${MAX_NESTING_DEPTH} levels deep here`,
          fix: `flatten the value: at most ${MAX_NESTING_DEPTH} levels of nesting (docs/catalogue-steps.md, Limits)`,
          range: [range[0], range[0] + 1],
        });
      }
      continue;
    }
    for (const item of node.items) {
      if (isPair(item)) {
        if (isNode(item.key)) stack.push({ node: item.key, role: 'key', depth: depth + 1 });
        if (isNode(item.value)) stack.push({ node: item.value, role: 'value', depth: depth + 1 });
      } else if (isNode(item)) stack.push({ node: item, role: 'value', depth: depth + 1 });
    }
  }
  return findings.sort((a, b) => a.range[0] - b.range[0]);
}
