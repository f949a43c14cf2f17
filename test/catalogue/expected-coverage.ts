import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import type { CatalogueFile, ExpandedCase } from '../../language/model/catalogue.ts';
import { MATRIX_FILE } from '../../runner/load/load-catalogue.ts';

/** The matrix file as written: what the oracle reads instead of the loader's resolved matrix. */
interface RawMatrix {
  suites: Record<string, { targets: string[]; exclude?: string[] }>;
  environments: Record<string, { suites: string[] }>;
}

/** What the matrix makes of the catalogue, computed without the loader's suite assignment. */
export interface ExpectedCoverage {
  /** Expanded cases, over every catalogue file. */
  readonly cases: number;
  /** Case runs over the matrix: each case once per environment that runs its suite. */
  readonly executions: number;
  /** The suite of each case, by `<ID> <name>`; a case in no suite or in several is missing. */
  readonly suiteOfCase: ReadonlyMap<string, string>;
  /** Cases per suite, every suite of the matrix listed. */
  readonly perSuite: ReadonlyMap<string, number>;
  /** Cases per environment, in matrix order. */
  readonly perEnv: ReadonlyMap<string, number>;
  /** The suites each environment runs, in matrix order. */
  readonly suitesOfEnv: ReadonlyMap<string, readonly string[]>;
}

/** How many cases an environment runs from the given suites (all of its suites when none are given). */
export function casesRunBy(expected: ExpectedCoverage, env: string, suites?: readonly string[]): number {
  return (expected.suitesOfEnv.get(env) ?? [])
    .filter((s) => suites === undefined || suites.includes(s))
    .reduce((n, s) => n + (expected.perSuite.get(s) ?? 0), 0);
}

/** How the oracle names a case: `<ID> <name>`, unique even where expansions share an ID. */
export const caseKey = (c: ExpandedCase): string => `${c.id} ${c.name}`;

/**
 * The counts the matrix implies for a catalogue: which suite's targets cover each case's file (a file target,
 * or a folder target ending in '/', both relative to the matrix file), minus what the suite excludes, and which
 * environments list that suite. An oracle for the tests: it reads the matrix YAML itself, so a fault in the
 * loader's assignment shows as a difference instead of being copied into the expectation.
 */
export function expectedCoverage(root: string, files: readonly CatalogueFile[]): ExpectedCoverage {
  const matrix = parse(readFileSync(join(root, MATRIX_FILE), 'utf8')) as RawMatrix;
  const fromMatrix = (target: string) => {
    const resolved = posix.join(posix.dirname(MATRIX_FILE), target);
    return target.endsWith('/') ? `${resolved.replace(/\/$/, '')}/` : resolved;
  };
  const covers = (path: string, file: string) => (path.endsWith('/') ? file.startsWith(path) : file === path);

  const suiteOfCase = new Map<string, string>();
  const perSuite = new Map(Object.keys(matrix.suites).map((s) => [s, 0]));
  for (const file of files) {
    for (const c of file.cases) {
      const suites = Object.entries(matrix.suites)
        .filter(([, suite]) => suite.targets.some((t) => covers(fromMatrix(t), file.file)))
        .filter(
          ([, suite]) => !(suite.exclude ?? []).some((x) => x === c.id || covers(fromMatrix(x), file.file)),
        )
        .map(([name]) => name);
      const [suite] = suites;
      if (suite === undefined || suites.length > 1) continue;
      suiteOfCase.set(caseKey(c), suite);
      perSuite.set(suite, (perSuite.get(suite) ?? 0) + 1);
    }
  }
  const perEnv = new Map(
    Object.entries(matrix.environments).map(([env, { suites }]) => [
      env,
      suites.reduce((n, s) => n + (perSuite.get(s) ?? 0), 0),
    ]),
  );
  return {
    cases: files.reduce((n, f) => n + f.cases.length, 0),
    executions: [...perEnv.values()].reduce((n, count) => n + count, 0),
    suiteOfCase,
    perSuite,
    perEnv,
    suitesOfEnv: new Map(Object.entries(matrix.environments).map(([env, { suites }]) => [env, suites])),
  };
}
