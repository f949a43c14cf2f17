export type ColumnAlign = 'left' | 'right' | 'center';

export interface TableColumn {
  readonly header: string;
  readonly align: ColumnAlign;
}

const RULE: Record<ColumnAlign, string> = { left: '---', right: '---:', center: ':---:' };

/** A GitHub markdown table; cells are written as given (an empty cell renders as two spaces). */
export function markdownTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns.map((c) => c.header)), line(columns.map((c) => RULE[c.align])), ...rows.map(line)];
}

/** Inline code span. */
export function code(text: string): string {
  return `\`${text}\``;
}
