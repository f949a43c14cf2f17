import type { MutationReport } from '../../mutate/mutation-report.ts';
import { jsonReport } from '../json-report.ts';
import type { EnvironmentOutcome, RunInfo } from '../run-results.ts';
import { REPORT_SCRIPT } from './page-script.ts';
import { REPORT_STYLE } from './report-style.ts';

/** JSON inside a <script> element: `<` escaped, so no value (a response body) can close the element. */
function scriptJson(text: string): string {
  return text.replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** Text inside an element: the title, whose date comes from a report file that may have been edited. */
function htmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A data block of the page, by the id the page script looks for (page-script.ts). */
interface DataBlock {
  readonly id: 'run-data' | 'mutation-data';
  readonly json: string;
}

/**
 * One self-contained page that opens from disk, with no network: the data blocks, and the style and script that
 * draw each of them.
 */
function reportPage(title: string, blocks: readonly DataBlock[]): string {
  const data = blocks
    .map((b) => `<script type="application/json" id="${b.id}">${scriptJson(b.json)}</script>\n`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${htmlText(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<noscript>This report draws itself with JavaScript; the same results are in the JSON inside this file.</noscript>
<main id="report"></main>
${data}<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The HTML report (`--html DIR` writes it as DIR/index.html): the run's JSON report (json-report.ts) as data,
 * drawn as the table per environment and suite, filters, each case with its steps, exchanges and checks, and a
 * timeline per environment of when each case waited and ran. Every text in the data passed the run's redactor.
 */
export function htmlReport(envs: readonly EnvironmentOutcome[], run: RunInfo): string {
  return reportPage(`esb-e2e run of ${run.startedAt.toISOString()}`, [
    { id: 'run-data', json: jsonReport(envs, run) },
  ]);
}

/**
 * The page of `esb-e2e mutate --html DIR`: the reports of mutate (one per environment) as data, drawn as the
 * table per environment and suite (tried, killed, survived, accepted, score), each case with its survivors, and
 * a filter for the gaps (the survivors not accepted). Requests and changes passed the run's redactor.
 */
export function mutationHtmlReport(reports: readonly MutationReport[]): string {
  const started = reports.map((r) => r.startedAt).sort()[0];
  return reportPage(`esb-e2e mutate${started === undefined ? '' : ` of ${started}`}`, [
    { id: 'mutation-data', json: JSON.stringify(reports) },
  ]);
}
