import type { EsbRevision, EsbSelection } from '../model/catalogue.ts';
import type { TemplateScope } from '../model/observation.ts';

/** Why `esb` cannot be read: the project declares no ESB revisions. */
export const NO_REVISIONS =
  'the project declares no ESB revisions: add environments/esb_revisions.yaml (docs/catalogue-steps.md, ESB revisions)';

/**
 * Whether the selected revision is `name` or a later one (revisions are listed oldest first): what `since: <name>`
 * and ${esb.since('<name>')} ask. Throws, naming the known revisions, when `name` is not one of them.
 */
export function revisionSince(selection: EsbSelection, name: string): boolean {
  const order = selection.revisions.map((r) => r.name);
  const wanted = order.indexOf(name);
  if (wanted < 0) throw new Error(`'${name}' is not an ESB revision; the revisions are ${order.join(', ')}`);
  return order.indexOf(selection.revision.name) >= wanted;
}

/**
 * Whether a step or assertion written `since: <name>` takes part: asked of the scope, which holds the revision
 * the case was loaded for (it throws, as esb.since does, when the project declares no revisions).
 */
export function sinceHolds(scope: TemplateScope, name: string): boolean {
  return scope.call('esb.since', [name]) === true;
}

/**
 * The revision a catalogue was loaded for when it is not the project's default; undefined for the default or a
 * project without revisions. Output names a revision only then, so the default's stays as it always was.
 */
export function nonDefaultRevision(selection: EsbSelection | undefined): EsbRevision | undefined {
  return selection === undefined || selection.revision.name === selection.defaultName
    ? undefined
    : selection.revision;
}
