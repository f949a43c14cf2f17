import { jsonReport } from '../json-report.ts';
import type { EnvironmentOutcome, RunInfo } from '../run-results.ts';
import { REPORT_SCRIPT } from './report-script.ts';
import { REPORT_STYLE } from './report-style.ts';

/** JSON inside a <script> element: `<` escaped, so no value (a response body) can close the element. */
function scriptJson(text: string): string {
  return text.replaceAll('<', '\\u003c').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/**
 * The HTML report (`--html DIR` writes it as DIR/index.html): one self-contained page that opens from disk, with
 * no network: the run's JSON report (json-report.ts) as data, and the style and script that draw it: the table
 * per environment and suite, filters, each case with its steps, exchanges and checks, and a timeline per
 * environment of when each case waited and ran. Every text in the data passed the run's redactor.
 */
export function htmlReport(envs: readonly EnvironmentOutcome[], run: RunInfo): string {
  const title = `esb-e2e run of ${run.startedAt.toISOString()}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<noscript>This report draws itself with JavaScript; the same results are in the JSON inside this file.</noscript>
<main id="report"></main>
<script type="application/json" id="run-data">${scriptJson(jsonReport(envs, run))}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
