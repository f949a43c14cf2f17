/** The node:test name of a case, `<ID> <expanded name>`: unique per environment, and what reports show. */
export function caseTitle(c: { readonly id: string; readonly name: string }): string {
  return `${c.id} ${c.name}`;
}
