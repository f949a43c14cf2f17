import { jsonReport } from './json-report.ts';
import { junitXml } from './junit-xml.ts';
import type { EnvironmentOutcome, RunInfo } from './run-results.ts';

/** A report file format of `esb-e2e run`: its option, its help line, and how the run's outcomes become its text. */
export interface ReportFormat {
  /** The option without dashes: `--junit FILE`. */
  readonly option: string;
  /** What the file holds, for `run --help`. */
  readonly help: string;
  render(outcomes: readonly EnvironmentOutcome[], run: RunInfo): string;
}

/** Every report format by option; adding one is a renderer file and a line here. */
export const REPORT_FORMATS: readonly ReportFormat[] = [
  {
    option: 'junit',
    help: 'JUnit XML of every environment in one file',
    render: (outcomes, run) => junitXml(outcomes, run),
  },
  {
    option: 'json',
    help: 'per-case results as JSON',
    render: (outcomes, run) => jsonReport(outcomes, run),
  },
];
