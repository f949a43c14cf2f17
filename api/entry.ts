/**
 * `import { registerScenario } from 'esb-e2e'`: what an entry file (e2e/<scenario>.test.ts) imports. One call
 * registers the cases of catalog/<scenario>/ as node:test tests; run them with
 * `node --import tsx --test e2e/<scenario>.test.ts` or `npx esb-e2e run`. The project root is ESB_E2E_ROOT, else
 * the nearest folder at or above the current one that holds catalog/.
 */
export { registerScenario } from '../runner/node/register-cases.ts';
