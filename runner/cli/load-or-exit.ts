import type { Catalogue } from '../../language/model/catalogue.ts';
import { CommandExit, cliIo } from '../config/command-io.ts';
import { loadCatalogueCached } from '../load/catalogue-cache.ts';
import { CatalogueLoadError } from '../load/diagnostic.ts';

/** Loads the catalogue, or prints every problem and ends the command with exit code 2 before anything runs. */
export function loadCatalogueOrExit(root: string): Catalogue {
  try {
    return loadCatalogueCached(root);
  } catch (error) {
    if (!(error instanceof CatalogueLoadError)) throw error;
    cliIo().stderr(`${error.render()}\n`);
    throw new CommandExit(2);
  }
}
