// Module resolution hooks (node:module register) of entry-bundle-hooks.mjs: the package's entry API, by its
// name, is the run's bundle; the packages the bundle imports resolve from the package's own folder, where the
// sources would find them (the bundle itself lives in the run's temp folder); what a compiled entry file imports
// resolves from the entry file's own folder (its packages, its other files); everything else as usual.
import { pathToFileURL } from 'node:url';

let api;
let bundleDir;
let packageJson;
/** The entry file of each compiled one, by URL. */
const entryOf = new Map();

export function initialize(data) {
  api = data.api;
  bundleDir = new URL('./', api).href;
  packageJson = data.packageJson;
  for (const [entry, compiled] of Object.entries(data.entries ?? {}))
    entryOf.set(pathToFileURL(compiled).href, pathToFileURL(entry).href);
}

const RELATIVE_OR_ABSOLUTE = /^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'esb-e2e') return { url: api, format: 'module', shortCircuit: true };
  const entry = context.parentURL === undefined ? undefined : entryOf.get(context.parentURL);
  if (entry !== undefined) return nextResolve(specifier, { ...context, parentURL: entry });
  if (context.parentURL?.startsWith(bundleDir) && !RELATIVE_OR_ABSOLUTE.test(specifier))
    return nextResolve(specifier, { ...context, parentURL: packageJson });
  return nextResolve(specifier, context);
}
