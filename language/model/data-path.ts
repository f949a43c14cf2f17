/**
 * Where a value sits inside a parsed YAML document: mapping keys and sequence indexes from the root. Model,
 * assertions and the loader share it; only the loader turns it into a line and column.
 */
export type DataPath = readonly (string | number)[];
