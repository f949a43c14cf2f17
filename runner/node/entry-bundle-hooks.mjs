// Loaded with --import by the node:test processes of `esb-e2e run` (spawn-entry.ts): when the run bundled the
// entry API (entry-bundle.ts), `import … from 'esb-e2e'` in an entry file resolves to that bundle.
import { register } from 'node:module';

const api = process.env.ESB_E2E_ENTRY_BUNDLE;
if (api !== undefined && api !== '')
  register('./entry-bundle-resolve.mjs', import.meta.url, {
    data: { api, packageJson: new URL('../../package.json', import.meta.url).href },
  });
