import type { Node } from 'yaml';
import type { DataPath } from '../../language/model/data-path.ts';
import type { Diagnostic } from './diagnostic.ts';
import { yamlPackage } from './lazy-packages.ts';
import { checkYamlNodes } from './yaml-checks/check-yaml-nodes.ts';
import { describeSyntaxError } from './yaml-syntax-error.ts';

/** Aliases allowed per file: enough for sharing a block, far too few for an expansion bomb. */
export const MAX_ALIAS_COUNT = 50;

/** Path into a parsed YAML value: mapping keys and sequence indices. */

export interface Position {
  readonly line: number;
  readonly col: number;
  readonly span: number;
}

/** A parsed YAML file that can answer "where is this value?" for any data path. */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  locate(path: DataPath): Position;
  /** Position of the key of the mapping entry at `path` (falls back to the value). */
  locateKey(path: DataPath): Position;
}

export type ParseResult = { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses YAML with the core schema only: no custom or language-specific tags, unique keys, one document,
 * and a bounded alias count. Every failure becomes a diagnostic with line and column.
 */
export function parseYamlSource(file: string, text: string): ParseResult {
  const yaml = yamlPackage();
  const lineCounter = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, {
    schema: 'core',
    customTags: [],
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  const at = (offset: number, span = 1): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col, span };
  };
  const diag = (code: string, pos: Position, message: string, fix: string): Diagnostic => ({
    code,
    file,
    ...pos,
    caseIds: caseIdsNear(text, pos.line),
    message,
    fix,
  });
  if (!Array.isArray(docs)) {
    return {
      ok: false,
      diagnostics: [diag('yaml-syntax', at(0), 'the file holds no YAML document', 'write a YAML mapping')],
    };
  }
  if (docs.length === 0) {
    return {
      ok: false,
      diagnostics: [diag('empty-file', at(0), 'the file is empty', 'write a YAML mapping')],
    };
  }
  if (docs.length > 1) {
    const second = docs[1]?.range[0] ?? 0;
    return {
      ok: false,
      diagnostics: [
        diag(
          'multiple-documents',
          at(second, 3),
          'the file holds more than one YAML document',
          'keep one document per file; remove the `---` separator and what follows or move it to its own file',
        ),
      ],
    };
  }
  const doc = docs[0];
  if (doc === undefined) throw new Error('unreachable: one document expected');
  const problems: Diagnostic[] = [];
  // Every repeated key is its own mistake; of the other errors only the first is, the rest are its echoes.
  for (const e of doc.errors.filter((e) => e.code === 'DUPLICATE_KEY')) {
    const pos = at(e.pos[0]);
    const key = /^[^:\s]+/.exec(text.split('\n')[pos.line - 1]?.slice(pos.col - 1) ?? '')?.[0] ?? '';
    problems.push(
      diag(
        'duplicate-key',
        { ...pos, span: Math.max(1, key.length) },
        `the key '${key}' appears twice in the same mapping`,
        `remove or rename one of the two '${key}' keys; YAML mappings cannot repeat a key`,
      ),
    );
  }
  const syntaxError = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
  if (syntaxError !== undefined) {
    const p = describeSyntaxError(text, syntaxError);
    problems.push(diag(p.code, at(p.offset, p.span), p.message, p.fix));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  // Before anything that recurses over the document: this walk is iterative and stops nesting past the limit.
  for (const f of checkYamlNodes(doc.contents)) {
    problems.push(diag(f.code, at(f.range[0], Math.max(1, f.range[1] - f.range[0])), f.message, f.fix));
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  for (const w of doc.warnings) {
    const coreTag = /Unresolved tag: tag:yaml\.org,2002:(\w+)/.exec(w.message)?.[1];
    if (coreTag !== undefined) {
      problems.push(
        diag(
          'custom-tag',
          at(w.pos[0], Math.max(1, w.pos[1] - w.pos[0])),
          `the value does not fit its tag !!${coreTag}`,
          `remove !!${coreTag} and write the value plainly, or write a value of that type`,
        ),
      );
      continue;
    }
    const isTag = w.code === 'TAG_RESOLVE_FAILED' || /tag/i.test(w.message);
    problems.push(
      diag(
        isTag ? 'custom-tag' : 'yaml-warning',
        at(w.pos[0], Math.max(1, w.pos[1] - w.pos[0])),
        isTag ? `custom YAML tags are not allowed: ${firstLine(w.message)}` : firstLine(w.message),
        isTag
          ? 'remove the tag; catalogue files use plain YAML values only (strings, numbers, booleans, lists, mappings)'
          : 'rewrite this part in plain YAML',
      ),
    );
  }
  // Explicit standard tags (!!str and friends) are fine; any other tag is a custom one even if it resolved.
  yaml.visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      const line = node.range ? lineCounter.linePos(node.range[0]).line : 0;
      const reported = problems.some((p) => p.code === 'custom-tag' && p.line === line);
      if (tag !== undefined && !tag.startsWith('tag:yaml.org,2002:') && node.range && !reported) {
        problems.push(
          diag(
            'custom-tag',
            at(node.range[0]),
            `custom YAML tag ${tag} is not allowed`,
            'remove the tag; catalogue files use plain YAML values only',
          ),
        );
      }
    },
  });
  if (problems.length > 0) return { ok: false, diagnostics: problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The library names an alias without an anchor in this message; any other failure is the expansion limit.
    const unresolved = /Unresolved alias[^:]*: (.+)$/.exec(firstLine(message))?.[1];
    let offset = 0;
    yaml.visit(doc, {
      Alias(_k, node) {
        if (unresolved !== undefined && node.source !== unresolved) return undefined;
        offset = node.range?.[0] ?? 0;
        return yaml.visit.BREAK;
      },
    });
    return {
      ok: false,
      diagnostics: [
        unresolved !== undefined
          ? diag(
              'undefined-alias',
              at(offset, unresolved.length + 1),
              `the alias *${unresolved} refers to no anchor: no value before it is marked &${unresolved}`,
              `mark an earlier value with &${unresolved}, correct the name, or write the value out`,
            )
          : diag(
              'alias-limit',
              at(offset),
              `YAML aliases expand too much (${firstLine(message)}; limit ${MAX_ALIAS_COUNT})`,
              'write the values out instead of nesting aliases',
            ),
      ],
    };
  }

  const nodeAt = (path: DataPath, wantKey: boolean): Node | undefined => {
    let current: unknown = doc.contents;
    let keyNode: unknown;
    for (const segment of path) {
      if (yaml.isAlias(current)) current = current.resolve(doc);
      if (!yaml.isCollection(current)) break;
      const items: unknown[] = current.items;
      let next: unknown;
      keyNode = undefined;
      if (typeof segment === 'number') {
        next = items[segment];
      } else {
        for (const item of items) {
          if (yaml.isPair(item) && yaml.isScalar(item.key) && String(item.key.value) === segment) {
            next = item.value;
            keyNode = item.key;
            break;
          }
        }
      }
      if (next === undefined) break;
      current = next;
    }
    const chosen = wantKey && yaml.isNode(keyNode) ? keyNode : current;
    return yaml.isNode(chosen) ? chosen : undefined;
  };
  const position = (node: Node | undefined): Position => {
    if (!node?.range) return at(0);
    const [start, end] = node.range;
    const startLine = lineCounter.linePos(start).line;
    const endLine = lineCounter.linePos(Math.max(start, end - 1)).line;
    const span = startLine === endLine ? Math.max(1, end - start) : 1;
    return at(start, span);
  };
  return {
    ok: true,
    source: {
      file,
      text,
      data,
      locate: (path) => position(nodeAt(path, false)),
      locateKey: (path) => position(nodeAt(path, true)),
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/**
 * Case IDs of the declaration around a line, read from the raw text: a file that does not parse still
 * gets errors labelled with the case they sit in. A declaration starts at a `- test:` item.
 */
export function caseIdsNear(text: string, line: number): string[] {
  const lines = text.split('\n');
  const isStart = (l: string | undefined) => l !== undefined && /^\s*-\s+test:/.test(l);
  let start = Math.min(line, lines.length) - 1;
  while (start >= 0 && !isStart(lines[start])) start--;
  if (start < 0) return [];
  const ids = new Set<string>();
  for (let i = start; i < lines.length && (i === start || !isStart(lines[i])); i++) {
    for (const m of (lines[i] ?? '').matchAll(/\b[A-Z]{3}-[0-9]{3}\b/g)) ids.add(m[0]);
  }
  return [...ids];
}
