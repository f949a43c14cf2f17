// Loaded with --import by the node:test processes of `esb-e2e run` (spawn-entry.ts): when the run bundled the
// entry API (entry-bundle.ts), `import … from 'esb-e2e'` in an entry file resolves to that bundle, and what an
// entry file the run compiled (entry-compile.ts) imports resolves as from the entry file itself.
import { register } from 'node:module';

const api = process.env.ESB_E2E_ENTRY_BUNDLE;
if (api !== undefined && api !== '')
  register('./entry-bundle-resolve.mjs', import.meta.url, {
    data: {
      api,
      packageJson: new URL('../../package.json', import.meta.url).href,
      entries: JSON.parse(process.env.ESB_E2E_COMPILED_ENTRIES || '{}'),
    },
  });
