/** The first `limit` lines where two texts differ, as `-` (committed) and `+` (generated) pairs with line numbers. */
export function firstDifferences(committed: string, generated: string, limit: number): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < limit * 2; i++) {
    if (a[i] === b[i]) continue;
    out.push(`  line ${i + 1}:`);
    out.push(`    - ${a[i] ?? '(no line)'}`, `    + ${b[i] ?? '(no line)'}`);
  }
  if (a.length !== b.length) out.push(`  (${a.length} lines committed, ${b.length} generated)`);
  return out.join('\n');
}
