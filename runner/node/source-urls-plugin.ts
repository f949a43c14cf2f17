import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type Plugin, transform } from 'esbuild';

/**
 * Source files find the package's own files (schemas, the reporter) from `import.meta.url`; in a bundle that is
 * the bundle's URL. Each file keeps its own instead, so that every relative path resolves as from the sources.
 * The replacement is esbuild's own `define`, which replaces the expression only where it is code: a string that
 * holds the text (a banner that a bundle prepends, say) keeps it. The inline map leads the bundle's source map
 * back to the TypeScript lines.
 */
export const SOURCE_URLS: Plugin = {
  name: 'source-import-meta-url',
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const { code } = await transform(await readFile(path, 'utf8'), {
        loader: 'ts',
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(path).href) },
        sourcemap: 'inline',
        sourcefile: path,
      });
      return { contents: code, loader: 'js' };
    });
  },
};
