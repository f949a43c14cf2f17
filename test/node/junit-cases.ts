import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildResult, runNode } from '../helpers/child-run.ts';

/** One <testcase> of node's own junit reporter. */
export interface JunitCase {
  readonly name: string;
  /** The message attribute of its <failure>, when it failed. */
  readonly failure: string | undefined;
  /** The message attribute of its <skipped>, when it was skipped. */
  readonly skipped: string | undefined;
}

const decode = (text: string) =>
  text.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '',
  );

/** The test cases of a JUnit file written by `--test-reporter=junit`, in file order. */
export function junitCases(xml: string): JunitCase[] {
  const cases: JunitCase[] = [];
  for (const m of xml.matchAll(/<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = m[2] ?? '';
    const failure = /<failure [^>]*message="([^"]*)"/.exec(body)?.[1];
    const skipped = /<skipped [^>]*message="([^"]*)"/.exec(body)?.[1];
    cases.push({
      name: decode(m[1] ?? ''),
      failure: failure === undefined ? undefined : decode(failure),
      skipped: skipped === undefined ? undefined : decode(skipped),
    });
  }
  return cases;
}

/**
 * `node --import tsx --test … --test-reporter=junit --test-reporter-destination=<file>` over entry files, as a CI
 * job runs it, from the repository root; returns the exit, the output and the JUnit file's cases.
 */
export async function nodeTestJunit(
  dir: string,
  name: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ChildResult & { readonly cases: JunitCase[]; readonly xml: string }> {
  const file = join(dir, `${name}.xml`);
  const result = await runNode(
    ['--import', 'tsx', '--test', '--test-reporter=junit', `--test-reporter-destination=${file}`, ...args],
    env,
  );
  const xml = readFileSync(file, 'utf8');
  return { ...result, xml, cases: junitCases(xml) };
}
