import type { Node } from 'yaml';

/** Where a node sits: as the key of a mapping entry, or as a value (of a mapping entry, a list, the document). */
export type NodeRole = 'key' | 'value';

/** A problem with one YAML node; it is reported at the node's position. */
export interface NodeProblem {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * One check of a parsed YAML node, run on every node of every project file before it becomes data: what the core
 * schema lets through but a catalogue must not hold.
 */
export type YamlNodeCheck = (node: Node, role: NodeRole) => NodeProblem | undefined;
