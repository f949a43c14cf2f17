import { DOM_SCRIPT } from './dom-script.ts';
import { MUTATION_SCRIPT } from './mutation-script.ts';
import { RUN_SCRIPT } from './run-script.ts';

/**
 * The one script of the HTML report (html-report.ts): the shared helpers, then each drawing for the data block
 * the page holds: a run's (`run-data`, the JSON report), then mutate's (`mutation-data`, a MutationReport per
 * environment). Either may be missing: a run's page has no mutations, mutate's page no run. One closure for all,
 * so that nothing leaks into the page's global scope.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
${DOM_SCRIPT}
${RUN_SCRIPT}
${MUTATION_SCRIPT}
  var root = document.getElementById('report');
  var runData = document.getElementById('run-data');
  var mutationData = document.getElementById('mutation-data');
  if (runData) drawRun(root, JSON.parse(runData.textContent));
  if (mutationData) drawMutations(root, JSON.parse(mutationData.textContent), !runData);
})();
`;
