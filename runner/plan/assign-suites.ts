import type { ExpandedCase, PlannedCase, SuiteTarget, TestMatrix } from '../../language/model/catalogue.ts';

export function targetCovers(target: SuiteTarget, file: string): boolean {
  return target.kind === 'folder' ? file.startsWith(target.path) : file === target.path;
}

/** Names of the suites whose targets cover the case and do not exclude it. */
export function suiteOf(c: ExpandedCase, matrix: TestMatrix): string[] {
  return matrix.suites
    .filter((suite) => suite.targets.some((t) => targetCovers(t, c.site.file)))
    .filter(
      (suite) =>
        !suite.exclude.some(
          (x) => x === c.id || x === c.site.file || (x.endsWith('/') && c.site.file.startsWith(x)),
        ),
    )
    .map((suite) => suite.name);
}

/**
 * Run and document order: suites in matrix order, their targets in order, the files a folder target covers
 * by path, then cases in definition order. Pure, so the runner and the docs generator agree.
 */
export function orderCases(cases: readonly PlannedCase[], matrix: TestMatrix): PlannedCase[] {
  const rank = new Map<string, number>();
  let next = 0;
  for (const suite of matrix.suites) {
    for (const target of suite.targets) {
      const files = [
        ...new Set(
          cases
            .filter((c) => c.suite === suite.name && targetCovers(target, c.site.file))
            .map((c) => c.site.file),
        ),
      ].sort();
      for (const file of files) if (!rank.has(file)) rank.set(file, next++);
    }
  }
  const position = new Map(cases.map((c, i) => [c, i]));
  return [...cases].sort(
    (a, b) =>
      (rank.get(a.site.file) ?? 0) - (rank.get(b.site.file) ?? 0) ||
      (position.get(a) ?? 0) - (position.get(b) ?? 0),
  );
}
