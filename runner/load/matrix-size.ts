/**
 * Expansions one declaration's matrix may make: every combination is a case to run and a line of the coverage
 * document. The real catalogue makes at most a handful; ten keys of ten values would make ten billion, which
 * exhausts memory before anything is reported.
 */
export const MAX_MATRIX_EXPANSIONS = 100;

/** How many cases a matrix expands to: the product of its value counts (1 without a matrix). */
export function expansionCount(matrix: Readonly<Record<string, readonly unknown[]>> | undefined): number {
  return Object.values(matrix ?? {}).reduce((product, values) => product * values.length, 1);
}
