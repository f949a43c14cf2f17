import type { Catalogue } from '../../language/model/catalogue.ts';
import { CatalogueLoadError } from '../load/diagnostic.ts';
import { loadCatalogue } from '../load/load-catalogue.ts';

/** Loads the catalogue, or prints every problem and exits 2 before anything runs. */
export function loadCatalogueOrExit(root: string): Catalogue {
  try {
    return loadCatalogue(root);
  } catch (error) {
    if (!(error instanceof CatalogueLoadError)) throw error;
    process.stderr.write(`${error.render()}\n`);
    process.exit(2);
  }
}
