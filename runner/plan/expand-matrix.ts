/** One combination of matrix values. */
export interface MatrixExpansion {
  /** Values joined by '-', as pytest shows them in brackets, e.g. python. Empty without a matrix. */
  readonly key: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Every combination of the matrix axes, first axis outermost; a case without a matrix expands once. */
export function expandMatrix(
  matrix: Readonly<Record<string, readonly string[]>> | undefined,
): MatrixExpansion[] {
  const axes = Object.entries(matrix ?? {});
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of axes) {
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos.map((params) => ({ key: Object.values(params).join('-'), params }));
}

/** The expanded case name: test_runtime_echo[python], or the bare test name without a matrix. */
export function expandedName(test: string, expansion: MatrixExpansion): string {
  return expansion.key === '' ? test : `${test}[${expansion.key}]`;
}
