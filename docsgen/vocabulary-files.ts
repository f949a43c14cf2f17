import { join } from 'node:path';
import { OPERATOR_TABLE } from '../assertions/operator-table.ts';
import { HOOK_LIST } from '../hooks/hook-table.ts';
import { STEP_KIND_LIST } from '../runner/exec/step-table.ts';
import { CATALOGUE_SCHEMA, CATALOGUE_SCHEMA_BASE, renderCatalogueSchema } from './catalogue-schema.ts';
import { readCommitted } from './generated-file.ts';
import { renderStepsReference, STEPS_DOC } from './steps-reference.ts';

/** One file generated from the step-kind, operator and hook tables: its path and what it should contain. */
export interface VocabularyFile {
  readonly path: string;
  /** What the committed file holds, or undefined when there is none. */
  readonly committed: string | undefined;
  readonly rendered: string;
}

function readSource(root: string, path: string): string {
  const text = readCommitted(join(root, path));
  if (text === undefined) throw new Error(`${path} does not exist in ${root}; it is the hand-written source`);
  return text;
}

/**
 * The files of the package that follow from its step-kind, operator and hook tables: the catalogue schema (from
 * its hand-written base) and the step-kind, operator and hook lists of docs/catalogue-steps.md. `root` is the package's
 * folder, the one whose tables these are.
 */
export function vocabularyFiles(root: string): VocabularyFile[] {
  const schema = renderCatalogueSchema(
    readSource(root, CATALOGUE_SCHEMA_BASE),
    STEP_KIND_LIST,
    OPERATOR_TABLE,
    HOOK_LIST,
  );
  const steps = readSource(root, STEPS_DOC);
  return [
    { path: CATALOGUE_SCHEMA, committed: readCommitted(join(root, CATALOGUE_SCHEMA)), rendered: schema },
    {
      path: STEPS_DOC,
      committed: steps,
      rendered: renderStepsReference(steps, STEP_KIND_LIST, OPERATOR_TABLE, HOOK_LIST),
    },
  ];
}
