import type { Catalogue } from '../../language/model/catalogue.ts';
import { CommandExit, cliIo } from '../config/command-io.ts';
import { loadCatalogueCached } from '../load/catalogue-cache.ts';
import { CatalogueLoadError } from '../load/diagnostic.ts';
import { EsbRevisionError } from '../load/load-esb-revisions.ts';
import type { RevisionChoice } from './selection-args.ts';

/**
 * Loads the catalogue for an ESB revision (the default when none is chosen), or prints every problem and ends the
 * command with exit code 2 before anything runs. `program` names the command in a revision error.
 */
export function loadCatalogueOrExit(root: string, esb?: RevisionChoice, program = 'esb-e2e'): Catalogue {
  try {
    return loadCatalogueCached(root, esb === undefined ? {} : { esb: esb.name });
  } catch (error) {
    if (error instanceof EsbRevisionError) {
      cliIo().stderr(`${program}: ${esb?.from ?? '--esb'}: ${error.message}\n`);
      throw new CommandExit(2);
    }
    if (!(error instanceof CatalogueLoadError)) throw error;
    cliIo().stderr(`${error.render()}\n`);
    throw new CommandExit(2);
  }
}
