import type { Expression } from '../../language/eval/expression-ast.ts';
import { didYouMean } from '../text/closest-name.ts';
import { ESB_REVISIONS_FILE, type RevisionContext } from './load-esb-revisions.ts';

/** A problem with a revision named in the catalogue, located by the caller; `fix` says what to write. */
export interface RevisionNameProblem {
  readonly code: 'no-revisions' | 'unknown-revision' | 'bad-argument';
  readonly message: string;
  readonly fix: string;
  /** Underline the argument (a call's revision name) rather than the whole reference or key. */
  readonly atArgument?: Expression;
}

const NONE_FIX = `declare the ESB revisions in ${ESB_REVISIONS_FILE} (docs/catalogue-steps.md, ESB revisions)`;

/**
 * Checks one revision name written in the catalogue (a `since:` value, esb.since's argument): it must be one the
 * project declares. `written` is how it appears in the message.
 */
export function revisionNameProblem(
  name: string,
  written: string,
  revisions: RevisionContext,
): RevisionNameProblem | undefined {
  if (revisions.state === 'unjudged') return undefined;
  if (revisions.state === 'none')
    return {
      code: 'no-revisions',
      message: `${written}: the project declares no ESB revisions`,
      fix: NONE_FIX,
    };
  const names = revisions.selection.revisions.map((r) => r.name);
  if (names.includes(name)) return undefined;
  return {
    code: 'unknown-revision',
    message: `${written}: '${name}' is not an ESB revision.${didYouMean(name, names)}`,
    fix: `name one of the revisions of ${ESB_REVISIONS_FILE}: ${names.join(', ')}`,
  };
}

/**
 * Checks a node of a template expression that reads the `esb` scope: a reference needs declared revisions, and
 * esb.since takes one quoted revision name the project declares (checked here, not at run time).
 */
export function esbNodeProblem(
  node: Expression,
  revisions: RevisionContext,
): RevisionNameProblem | undefined {
  if (node.kind === 'reference' && node.name.split('.')[0] === 'esb')
    return revisions.state === 'none'
      ? {
          code: 'no-revisions',
          message: `\${${node.name}}: the project declares no ESB revisions`,
          fix: NONE_FIX,
        }
      : undefined;
  if (node.kind !== 'call' || node.name !== 'esb.since') return undefined;
  const [name, extra] = node.args;
  if (name?.kind !== 'literal' || typeof name.value !== 'string' || extra !== undefined) {
    return {
      code: 'bad-argument',
      message: 'esb.since takes one quoted revision name',
      fix: "write esb.since('<revision>'), e.g. esb.since('2026-03-02')",
      ...(name === undefined ? {} : { atArgument: name }),
    };
  }
  const problem = revisionNameProblem(name.value, `esb.since('${name.value}')`, revisions);
  return problem === undefined ? undefined : { ...problem, atArgument: name };
}
