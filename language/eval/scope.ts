import { randomBytes, randomUUID } from 'node:crypto';
import type { EsbSelection } from '../model/catalogue.ts';
import type { TemplateScope } from '../model/observation.ts';
import { NO_REVISIONS, revisionSince } from './esb-revision.ts';
import { ReferenceLookupError } from './reference-error.ts';
import {
  FORBIDDEN_PROPERTIES,
  MAX_HEX_DIGITS,
  TEXT_SCOPE_FUNCTIONS,
  TEXT_SCOPE_ROOTS,
} from './scope-names.ts';

/** Everything a case's templates may read. */
export interface ScopeValues {
  matrix: Record<string, string>;
  env: Record<string, string>;
  settings: Record<string, unknown>;
  vars: Record<string, unknown>;
  auth?: { token: string };
  /** The copy (parallel) or round (loop) number, inside those steps only. */
  index?: number;
  caseStart: Date;
  /** The ESB revision the case was loaded for; absent when the project declares none. */
  esb?: EsbSelection;
}

/** Names listed in an "unknown reference" message, at most a handful so that the line stays short. */
function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none are defined';
  const shown = names.slice(0, 12).join(', ');
  return names.length > 12 ? `known: ${shown}, … (${names.length} in all)` : `known: ${shown}`;
}

/** `time.case_start`: the case's start, YYYY-MM-DDTHH:MM:SSZ in UTC. */
export function formatCaseStart(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Follows `rest` (property names, array indices) into a value; a missing step is an unset reference. */
function descend(value: unknown, reference: string, rest: readonly string[]): unknown {
  const parts = reference.split('.');
  let here = parts.slice(0, parts.length - rest.length).join('.');
  let current = value;
  for (const key of rest) {
    const missing = () =>
      new ReferenceLookupError(reference, `\${${reference}}: ${here} has no property '${key}'`, true);
    if (FORBIDDEN_PROPERTIES.has(key)) throw missing();
    if (typeof current === 'string' && key === 'length') current = current.length;
    else if (Array.isArray(current)) {
      if (key === 'length') current = current.length;
      else if (/^\d+$/.test(key) && Number(key) < current.length) current = current[Number(key)];
      else throw missing();
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else throw missing();
    here = `${here}.${key}`;
  }
  return current;
}

class ValueScope implements TemplateScope {
  constructor(readonly values: ScopeValues) {}

  lookup(reference: string): unknown {
    const [root = '', name, ...rest] = reference.split('.');
    if (root === 'index') {
      if (name !== undefined) throw this.unknown(reference, "'index' is a number and has no properties");
      if (this.values.index === undefined) {
        throw this.unknown(reference, '${index} is only defined inside the steps of a parallel or loop step');
      }
      return this.values.index;
    }
    if (name === undefined)
      throw this.unknown(reference, `'${root}' is a scope; name one of its values, e.g. ${root}.<name>`);
    return descend(this.named(reference, root, name), reference, rest);
  }

  private unknown(reference: string, message: string, unset = false): ReferenceLookupError {
    return new ReferenceLookupError(reference, message, unset);
  }

  private fromRecord(
    reference: string,
    record: Record<string, unknown>,
    root: string,
    name: string,
  ): unknown {
    if (Object.hasOwn(record, name)) return record[name];
    const unset = root === 'vars';
    const why = unset ? 'is not set (vars are case vars and captured values)' : 'is unknown';
    throw this.unknown(reference, `\${${reference}} ${why}; ${listNames(Object.keys(record))}`, unset);
  }

  private named(reference: string, root: string, name: string): unknown {
    switch (root) {
      case 'matrix':
        return this.fromRecord(reference, this.values.matrix, root, name);
      case 'settings':
        return this.fromRecord(reference, this.values.settings, root, name);
      case 'vars':
        return this.fromRecord(reference, this.values.vars, root, name);
      case 'env':
        if (Object.hasOwn(this.values.env, name)) return this.values.env[name];
        throw this.unknown(
          reference,
          `environment variable ${name} is not set; set it, or write env.${name} ?? '<default>'`,
          true,
        );
      case 'auth':
        if (name !== 'token')
          throw this.unknown(reference, `\${${reference}} is unknown; auth has only token`);
        if (!this.values.auth) {
          throw this.unknown(
            reference,
            '${auth.token} has no value: the case has no login (its fixture is not auth)',
          );
        }
        return this.values.auth.token;
      case 'random':
        if (name === 'uuid') return randomUUID();
        if (name === 'hex')
          throw this.unknown(reference, 'random.hex is a function: write random.hex(<digits>)');
        throw this.unknown(reference, `\${${reference}} is unknown; random has uuid and hex(n)`);
      case 'esb': {
        const selection = this.values.esb;
        if (selection === undefined) throw this.unknown(reference, `\${${reference}}: ${NO_REVISIONS}`);
        if (name === 'revision') return selection.revision.name;
        if (name === 'commit') return selection.revision.commit;
        if (name === 'since')
          throw this.unknown(reference, "esb.since is a function: write esb.since('<revision>')");
        throw this.unknown(
          reference,
          `\${${reference}} is unknown; esb has revision, commit and since(name)`,
        );
      }
      case 'time':
        if (name === 'epoch_hex') return Math.floor(Date.now() / 1000).toString(16);
        if (name === 'epoch_ms') return Date.now();
        if (name === 'case_start') return formatCaseStart(this.values.caseStart);
        throw this.unknown(
          reference,
          `\${${reference}} is unknown; time has epoch_hex, epoch_ms and case_start`,
        );
      default:
        throw this.unknown(
          reference,
          `\${${reference}}: unknown scope '${root}'; scopes are matrix, env, settings, vars, auth, index, random, time, esb`,
        );
    }
  }

  call(name: string, args: readonly unknown[]): unknown {
    if (name === 'esb.since') return this.since(args);
    if (name !== 'random.hex')
      throw new Error(`unknown function ${name}(); the scope provides random.hex(n) and esb.since(name)`);
    const [digits] = args;
    if (
      args.length !== 1 ||
      typeof digits !== 'number' ||
      !Number.isInteger(digits) ||
      digits < 1 ||
      digits > MAX_HEX_DIGITS
    ) {
      throw new Error(`random.hex(n) takes one whole number of digits from 1 to ${MAX_HEX_DIGITS}`);
    }
    return randomBytes(Math.ceil(digits / 2))
      .toString('hex')
      .slice(0, digits);
  }

  private since(args: readonly unknown[]): boolean {
    const [name] = args;
    if (args.length !== 1 || typeof name !== 'string')
      throw new Error("esb.since(name) takes one revision name, e.g. esb.since('2026-03-02')");
    if (this.values.esb === undefined) throw new Error(`esb.since('${name}'): ${NO_REVISIONS}`);
    return revisionSince(this.values.esb, name);
  }
}

/** The scope a case's templates read: matrix, env, settings, vars, auth, index, random, time. */
export function createScope(values: ScopeValues): TemplateScope {
  return new ValueScope(values);
}

/**
 * The scope of catalogue text (anchor and doc) for one matrix expansion and ESB revision: only `matrix` and `esb`
 * (TEXT_SCOPE_ROOTS), and of the functions only esb.since. The loader rejects anything else before rendering;
 * this scope refuses it too, naming the rule.
 */
export function createTextScope(matrix: Readonly<Record<string, string>>, esb?: EsbSelection): TemplateScope {
  const values = new ValueScope({
    matrix: { ...matrix },
    env: {},
    settings: {},
    vars: {},
    caseStart: new Date(0),
    ...(esb === undefined ? {} : { esb }),
  });
  return {
    lookup(reference) {
      const root = reference.split('.')[0] ?? reference;
      if (!(TEXT_SCOPE_ROOTS as readonly string[]).includes(root)) {
        throw new ReferenceLookupError(
          reference,
          `\${${reference}}: catalogue text (anchor, doc) can read only ${TEXT_SCOPE_ROOTS.join(', ')} values`,
          false,
        );
      }
      return values.lookup(reference);
    },
    call(name, args) {
      if ((TEXT_SCOPE_FUNCTIONS as readonly string[]).includes(name)) return values.call(name, args);
      throw new Error(`${name}() cannot be called in catalogue text (anchor, doc): it is rendered at load`);
    },
  };
}

/**
 * The same scope with more vars (captured values, which replace vars of the same name) and/or an `index`.
 * A scope not made by createScope is wrapped: the extra values are looked up first.
 */
export function withValues(
  scope: TemplateScope,
  extra: { vars?: Record<string, unknown>; index?: number },
): TemplateScope {
  if (scope instanceof ValueScope) {
    const { values } = scope;
    return new ValueScope({
      ...values,
      vars: extra.vars ? { ...values.vars, ...extra.vars } : values.vars,
      index: extra.index ?? values.index,
    });
  }
  const overlay = new ValueScope({
    matrix: {},
    env: {},
    settings: {},
    vars: extra.vars ?? {},
    index: extra.index,
    caseStart: new Date(0),
  });
  return {
    lookup(reference) {
      const [root, name] = reference.split('.');
      const own =
        (root === 'index' && extra.index !== undefined) ||
        (root === 'vars' &&
          name !== undefined &&
          extra.vars !== undefined &&
          Object.hasOwn(extra.vars, name));
      return own ? overlay.lookup(reference) : scope.lookup(reference);
    },
    call: (name, args) => scope.call(name, args),
  };
}
