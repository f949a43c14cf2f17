import type { EsbRevision, EsbSelection } from '../../language/model/catalogue.ts';
import { closestName, didYouMean } from '../text/closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseAndValidate } from './validated-yaml.ts';

/** Where a project declares the ESB revisions its catalogue knows; the file is optional. */
export const ESB_REVISIONS_FILE = 'environments/esb_revisions.yaml';

/** The variable that names the revision on the plain node:test path, as --esb does for the CLI. */
export const ESB_REVISION_VARIABLE = 'ESB_E2E_ESB';

export interface EsbRevisions {
  readonly revisions: readonly EsbRevision[];
  readonly defaultName: string;
}

export type EsbRevisionsLoad = { revisions: EsbRevisions | undefined; diagnostics: Diagnostic[] };

/** An --esb (ESB_E2E_ESB) value the project does not declare; the CLI prints it as a usage error. */
export class EsbRevisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EsbRevisionError';
  }
}

/** Loads environments/esb_revisions.yaml: the revisions oldest first, and the default one. */
export function loadEsbRevisions(root: string, file: string, text: string): EsbRevisionsLoad {
  const { source, diagnostics } = parseAndValidate(root, file, text, 'esb-revisions');
  if (source === undefined) return { revisions: undefined, diagnostics };
  const data = source.data as { default: string; revisions: EsbRevision[] };
  const names = new Set<string>();
  data.revisions.forEach((revision, index) => {
    if (names.has(revision.name)) {
      diagnostics.push({
        code: 'duplicate-revision',
        file,
        ...source.locate(['revisions', index, 'name']),
        caseIds: [],
        message: `the ESB revision ${revision.name} is declared twice`,
        fix: 'remove one of the two entries, or rename one',
      });
    }
    names.add(revision.name);
  });
  if (!names.has(data.default)) {
    diagnostics.push({
      code: 'unknown-default-revision',
      file,
      ...source.locate(['default']),
      caseIds: [],
      message: `the default revision '${data.default}' is not one of the revisions.${didYouMean(data.default, names)}`,
      fix: `name one of: ${[...names].join(', ')}`,
    });
  }
  if (diagnostics.length > 0) return { revisions: undefined, diagnostics };
  return {
    revisions: {
      revisions: data.revisions.map((r) => ({ name: r.name, commit: r.commit, description: r.description })),
      defaultName: data.default,
    },
    diagnostics,
  };
}

/**
 * The revision a load is for: `wanted` (from --esb or ESB_E2E_ESB), else the default. Throws EsbRevisionError
 * for a name the project does not declare, or any name when it declares no revisions.
 */
export function selectRevision(
  revisions: EsbRevisions | undefined,
  wanted?: string,
): EsbSelection | undefined {
  if (revisions === undefined) {
    if (wanted === undefined) return undefined;
    throw new EsbRevisionError(
      `the project declares no ESB revisions, so --esb ${wanted} names nothing: leave --esb (${ESB_REVISION_VARIABLE}) out, or declare revisions in ${ESB_REVISIONS_FILE}`,
    );
  }
  const name = wanted ?? revisions.defaultName;
  const revision = revisions.revisions.find((r) => r.name === name);
  if (revision === undefined) {
    const close = closestName(
      name,
      revisions.revisions.map((r) => r.name),
    );
    throw new EsbRevisionError(
      `unknown ESB revision '${name}'${close === undefined ? '' : ` (did you mean ${close}?)`}; ${ESB_REVISIONS_FILE} declares ${describeRevisions(revisions)}`,
    );
  }
  return { revision, revisions: revisions.revisions, defaultName: revisions.defaultName };
}

/** `2026-02-17 (default), 2026-03-02`: the revisions for a message. */
export function describeRevisions(revisions: EsbRevisions): string {
  return revisions.revisions
    .map((r) => (r.name === revisions.defaultName ? `${r.name} (default)` : r.name))
    .join(', ');
}

/**
 * What a catalogue file's checks know of the project's ESB revisions: none declared (no file), a file that did
 * not load (revision names are not judged then; its own diagnostics say why), or the revision being loaded.
 */
export type RevisionContext =
  | { readonly state: 'none' }
  | { readonly state: 'unjudged' }
  | { readonly state: 'selected'; readonly selection: EsbSelection };
