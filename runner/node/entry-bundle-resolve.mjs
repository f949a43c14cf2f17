// Module resolution hooks (node:module register) of entry-bundle-hooks.mjs: the package's entry API, by its
// name, is the run's bundle; the packages the bundle imports resolve from the package's own folder, where the
// sources would find them (the bundle itself lives in the run's temp folder); everything else as usual.
let api;
let bundleDir;
let packageJson;

export function initialize(data) {
  api = data.api;
  bundleDir = new URL('./', api).href;
  packageJson = data.packageJson;
}

const RELATIVE_OR_ABSOLUTE = /^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'esb-e2e') return { url: api, format: 'module', shortCircuit: true };
  if (context.parentURL?.startsWith(bundleDir) && !RELATIVE_OR_ABSOLUTE.test(specifier))
    return nextResolve(specifier, { ...context, parentURL: packageJson });
  return nextResolve(specifier, context);
}
