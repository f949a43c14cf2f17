import { htmlReport } from './html/html-report.ts';
import { jsonReport } from './json-report.ts';
import { junitXml } from './junit-xml.ts';
import type { EnvironmentOutcome, RunInfo } from './run-results.ts';

/** A report format of `esb-e2e run` and merge-reports: its option, its help line, and how outcomes become its text. */
export interface ReportFormat {
  /** The option without dashes: `--junit FILE`. */
  readonly option: string;
  /** What the file holds, for `run --help`. */
  readonly help: string;
  /** `file`: the option names the file; `folder`: a folder that gets `index.html` (and nothing else). */
  readonly output: 'file' | 'folder';
  /** Whether it shows the cases' step traces, which the run then records (RUN_VARIABLE.trace). */
  readonly traces: boolean;
  render(outcomes: readonly EnvironmentOutcome[], run: RunInfo): string;
}

/** The file a folder report writes its page to. */
export const FOLDER_REPORT_FILE = 'index.html';

/** Every report format by option; adding one is a renderer file and a line here. */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  {
    option: 'junit',
    help: 'JUnit XML of every environment in one file',
    output: 'file',
    traces: false,
    render: (outcomes, run) => junitXml(outcomes, run),
  },
  {
    option: 'json',
    help: 'per-case results as JSON, with each case’s steps, requests and responses',
    output: 'file',
    traces: true,
    render: (outcomes, run) => jsonReport(outcomes, run),
  },
  {
    option: 'html',
    help: 'a page to open from disk: cases, steps, requests and responses, a timeline',
    output: 'folder',
    traces: true,
    render: (outcomes, run) => htmlReport(outcomes, run),
  },
];

/** The help lines of the report options, aligned with the other option lines of a usage text. */
export function reportOptionLines(): string {
  return REPORT_FORMATS.map(
    (f) => `  ${`--${f.option} ${f.output === 'folder' ? 'DIR' : 'FILE'}`.padEnd(22)}${f.help}`,
  ).join('\n');
}
