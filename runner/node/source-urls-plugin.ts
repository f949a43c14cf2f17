import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

/**
 * Source files find the package's own files (schemas, the reporter) from `import.meta.url`; in a bundle that is
 * the bundle's URL. Each file keeps its own instead, so that every relative path resolves as from the sources.
 */
export const SOURCE_URLS: Plugin = {
  name: 'source-import-meta-url',
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
        loader: 'ts',
      };
    });
  },
};
