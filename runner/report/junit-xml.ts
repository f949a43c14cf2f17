import { caseTitle } from '../plan/case-title.ts';
import { repeatNote } from './progress-line.ts';
import {
  type CaseOutcome,
  type EnvironmentOutcome,
  type RunInfo,
  totalsOf,
  wallTimeOf,
} from './run-results.ts';

/** XML 1.0 cannot hold C0 controls but tab, LF and CR, lone surrogates, U+FFFE and U+FFFF: each becomes U+FFFD. */
function xmlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const lone = code >= 0xd800 && code <= 0xdfff; // for…of yields surrogates only when unpaired
    out += control || lone || code === 0xfffe || code === 0xffff ? '\uFFFD' : ch;
  }
  return out;
}

/** Terminal colour codes (ESC [ … letter), which a failure text might carry. */
function withoutAnsi(text: string): string {
  return text.replace(new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
}

/** Text made safe for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return xmlCharacters(withoutAnsi(text))
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v)).replaceAll('\n', '&#10;')}"`)
    .join('');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseOutcome): string {
  const head = `    <testcase${attrs({
    // Each round of --repeat-each is a testcase of its own, told apart by its round.
    name: `${caseTitle(c)}${repeatNote(c)}`,
    classname: `${c.env}.${c.suite}`,
    file: c.file,
    line: c.line,
    time: seconds(c.durationMs),
  })}`;
  if (c.status === 'passed') return `${head}/>`;
  if (c.status === 'skipped')
    return `${head}>\n      <skipped${attrs({ message: c.reason ?? '' })}/>\n    </testcase>`;
  // Not a failure of what the case checks: JUnit's `error`, typed so that CI can tell a stopped run.
  if (c.status === 'interrupted')
    return `${head}>\n      <error${attrs({ message: c.reason ?? 'not finished', type: 'Interrupted' })}/>\n    </testcase>`;
  const text = c.failure ?? 'failed';
  const message = text.split('\n').find((l) => l.trim() !== '') ?? 'failed';
  return `${head}>\n      <failure${attrs({ message, type: 'CaseFailure' })}>${xmlEscape(text)}</failure>\n    </testcase>`;
}

/**
 * JUnit XML of a whole run in one document: a testsuite per environment and suite (`e2e-docker/smoke`),
 * each testcase named `<ID> <name>` with classname `<env>.<suite>`, the catalogue file and line, the failure
 * text or the skip reason; a case the run stopped before it finished is an `error` of type Interrupted. An
 * environment that could not run adds a testsuite with one errored testcase. Each testsuite names the ESB
 * revision in its properties (esb.revision, esb.commit) when the project declares revisions.
 */
export function junitXml(envs: readonly EnvironmentOutcome[], run: RunInfo): string {
  const suites: string[] = [];
  const all = envs.flatMap((e) => e.cases);
  const stamp = run.startedAt.toISOString().replace(/\.\d+Z$/, '');
  const properties =
    run.esb === undefined
      ? []
      : [
          '    <properties>',
          `      <property${attrs({ name: 'esb.revision', value: run.esb.revision })}/>`,
          `      <property${attrs({ name: 'esb.commit', value: run.esb.commit })}/>`,
          '    </properties>',
        ];
  let errors = 0;
  for (const env of envs) {
    for (const suite of [...new Set(env.cases.map((c) => c.suite))]) {
      const cases = env.cases.filter((c) => c.suite === suite);
      const t = totalsOf(cases);
      // Wall time, as the closing table shows it: the cases of a suite run side by side, and the sum of their
      // durations (19.5 s for a 10.9 s run) would say the run took longer than it did.
      const time = wallTimeOf(cases);
      suites.push(
        [
          `  <testsuite${attrs({ name: `${env.env}/${suite}`, tests: cases.length, failures: t.failed, errors: t.interrupted ?? 0, skipped: t.skipped, time: seconds(time), timestamp: stamp })}>`,
          ...properties,
          ...cases.map(testcase),
          '  </testsuite>',
        ].join('\n'),
      );
    }
    if (env.error !== undefined) {
      errors += 1;
      suites.push(
        [
          `  <testsuite${attrs({ name: `${env.env}/setup`, tests: 1, failures: 0, errors: 1, skipped: 0, time: '0.000', timestamp: stamp })}>`,
          ...properties,
          `    <testcase${attrs({ name: `${env.env} setup`, classname: `${env.env}.setup`, time: '0.000' })}>`,
          `      <error${attrs({ message: env.error.split('\n')[0] ?? '', type: 'EnvironmentError' })}>${xmlEscape(env.error)}</error>`,
          '    </testcase>',
          '  </testsuite>',
        ].join('\n'),
      );
    }
  }
  const t = totalsOf(all);
  const time = envs.reduce((sum, e) => Math.max(sum, e.durationMs), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'esb-e2e', tests: all.length + errors, failures: t.failed, errors: errors + (t.interrupted ?? 0), skipped: t.skipped, time: seconds(time) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
