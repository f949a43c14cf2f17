import type { ErrorObject } from 'ajv/dist/2020.js';
import { SUBJECT_KEYS as ASSERTION_SUBJECT_KEYS, MODIFIER_KEYS } from '../../assertions/assertion-keys.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import { STEP_KINDS } from '../../language/model/steps.ts';
import { didYouMean } from '../text/closest-name.ts';
import { catalogueDataKind } from './catalogue-data-kind.ts';
import { describePath, type LocatedProblem } from './schema-problem.ts';
import { isKeyChoice } from './select-schema-errors.ts';
import { valueAt } from './value-at.ts';
import type { YamlSource } from './yaml-source.ts';

const SPEC = 'docs/catalogue-steps.md';
const ASSERTION_MODIFIERS: readonly string[] = MODIFIER_KEYS;
const OBSERVED_KEYS = ['retry', 'poll', 'expect', 'capture'];

interface Located {
  readonly error: ErrorObject;
  readonly path: DataPath;
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function samePath(a: DataPath, b: DataPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The step-format errors, worded for what the author meant: an unknown step kind, two actions in one step, a
 * key that belongs to another step kind, an unknown assertion operator, a json body beside a text body.
 * Returns 'drop' for an error that another one at the same place already explains, and undefined for errors
 * the generic wording covers.
 */
export function stepSchemaDiagnostic(
  error: ErrorObject,
  path: DataPath,
  source: YamlSource,
  all: readonly Located[],
): LocatedProblem | 'drop' | undefined {
  const kind = catalogueDataKind(path);
  const where = describePath(path);
  const hasErrorAt = (keyword: string, at: DataPath) =>
    all.some((o) => o.error.keyword === keyword && samePath(o.path, at));

  if (kind === 'step') {
    const step = valueAt(source.data, path);
    const actions = keysOf(step).filter((k) => (STEP_KINDS as readonly string[]).includes(k));
    if (error.keyword === 'additionalProperties' && actions.length === 0) {
      const extra = String(error.params.additionalProperty);
      return {
        code: 'unknown-step-kind',
        ...source.locateKey([...path, extra]),
        message: `unknown step kind '${extra}' in ${where}.${didYouMean(extra, STEP_KINDS)}`,
        fix: `a step has exactly one of: ${STEP_KINDS.join(', ')} (see ${SPEC})`,
      };
    }
    if (error.keyword === 'oneOf' && isKeyChoice(error)) {
      if (actions.length > 1) {
        return {
          code: 'multiple-step-actions',
          ...source.locateKey([...path, actions[1] ?? '']),
          message: `${where} has ${actions.length} action keys (${actions.join(', ')}); a step does exactly one thing`,
          fix: `split it into one step per action: ${actions.map((a) => `- ${a}: …`).join(' ')}`,
        };
      }
      if (hasErrorAt('additionalProperties', path)) return 'drop';
      return {
        code: 'missing-step-action',
        ...source.locate(path),
        message: `${where} has no action`,
        fix: `add exactly one of: ${STEP_KINDS.join(', ')} (see ${SPEC})`,
      };
    }
  }

  if (error.keyword === 'false schema') {
    const key = String(path[path.length - 1]);
    const parentPath = path.slice(0, -1);
    const parentKind = catalogueDataKind(parentPath);
    const parent = valueAt(source.data, parentPath);
    const at = source.locateKey(path);
    if (parentKind === 'step') {
      const actions = keysOf(parent).filter((k) => (STEP_KINDS as readonly string[]).includes(k));
      // A step without an action is reported as such; what it may hold depends on the action it lacks.
      if (actions.length === 0) return 'drop';
      const action = actions.join('/');
      return {
        code: 'step-key-not-allowed',
        ...at,
        message: OBSERVED_KEYS.includes(key)
          ? `'${key}' applies only to request and hook steps, not to a ${action} step (${describePath(parentPath)})`
          : `'${key}' gives a hook its arguments; ${describePath(parentPath)} is a ${action} step`,
        fix: OBSERVED_KEYS.includes(key)
          ? `move '${key}' to a request or hook step, or remove it`
          : `remove '${key}', or make the step a hook step`,
      };
    }
    if (parentKind === 'request') {
      if (key === 'text') {
        return {
          code: 'json-and-text',
          ...at,
          message: `${describePath(parentPath)} has both a json and a text body`,
          fix: 'keep json for a JSON body or text for a raw body, and remove the other',
        };
      }
      const invoke = (parent as { target?: unknown }).target === 'invoke';
      return {
        code: 'not-for-target',
        ...at,
        message: invoke
          ? `'${key}' does not apply to target invoke (the Invoke API takes function, not path)`
          : `'${key}' applies only to target invoke`,
        fix: invoke ? `remove '${key}' and name the function` : `remove '${key}', or set target: invoke`,
      };
    }
    if (parentKind === 'assertion') {
      const subjects = keysOf(parent).filter((k) =>
        (ASSERTION_SUBJECT_KEYS as readonly string[]).includes(k),
      );
      // Three subjects fail two or three dependent schemas; the assertion is reported once, at its second subject.
      const first = all.find(
        (o) => o.error.keyword === 'false schema' && samePath(o.path.slice(0, -1), parentPath),
      );
      if (first !== undefined && first.error !== error) return 'drop';
      return {
        code: 'several-subjects',
        ...source.locateKey([...parentPath, subjects[1] ?? key]),
        message: `${describePath(parentPath)} names ${subjects.length} subjects (${subjects.join(', ')}); an assertion reads one`,
        fix: 'split it into one assertion per subject',
      };
    }
  }

  if (kind === 'assertion') {
    if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      const allowed = keysOf((error.parentSchema as { properties?: object } | undefined)?.properties);
      const operators = allowed.filter(
        (k) => !(ASSERTION_SUBJECT_KEYS as readonly string[]).includes(k) && !ASSERTION_MODIFIERS.includes(k),
      );
      return {
        code: 'unknown-operator',
        ...source.locateKey([...path, extra]),
        message: `unknown assertion operator '${extra}' in ${where}.${didYouMean(extra, allowed)}`,
        fix: `use one of the operators ${operators.join(', ')}; subjects ${ASSERTION_SUBJECT_KEYS.join(', ')}; modifiers ${ASSERTION_MODIFIERS.join(', ')} (see ${SPEC})`,
      };
    }
    if (error.keyword === 'anyOf' && isKeyChoice(error)) {
      if (hasErrorAt('additionalProperties', path)) return 'drop';
      return {
        code: 'missing-operator',
        ...source.locate(path),
        message: `${where} has no operator, so it checks nothing`,
        fix: `add an operator such as equals, exists, contains, count, or a nested assert or any_of (see ${SPEC})`,
      };
    }
  }
  return undefined;
}
