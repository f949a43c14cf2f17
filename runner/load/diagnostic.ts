/** A problem found while loading the catalogue, pointing at one place in one file. */
export interface Diagnostic {
  /** Stable kind, e.g. `unknown-property`; tests and tools match on it. */
  readonly code: string;
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  /** 1-based line and column of the offending node. */
  readonly line: number;
  readonly col: number;
  /** Length of the caret underline; at least 1. */
  readonly span: number;
  /** Case IDs the problem concerns, when it concerns cases. */
  readonly caseIds: readonly string[];
  readonly message: string;
  /** What to change to make it load. */
  readonly fix: string;
}

import { displayWidth } from '../text/display-width.ts';

/** Thrown when the catalogue cannot be loaded; carries every problem found, not just the first. */
export class CatalogueLoadError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  private readonly sources: ReadonlyMap<string, string>;

  constructor(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>) {
    super(`catalogue failed to load: ${diagnostics.length} problem(s)`);
    this.name = 'CatalogueLoadError';
    this.diagnostics = diagnostics;
    this.sources = sources;
  }

  /** Every diagnostic rendered with its source line and a caret, in file order. */
  render(): string {
    const parts = this.diagnostics.map((d) => formatDiagnostic(d, this.sources.get(d.file)));
    parts.push(`${this.diagnostics.length} problem(s); nothing was run.`);
    return parts.join('\n\n');
  }
}

/** Renders one diagnostic the way compilers do: location, message, the line, a caret, the fix. */
export function formatDiagnostic(d: Diagnostic, source: string | undefined): string {
  const cases = d.caseIds.length > 0 ? ` [${d.caseIds.join(', ')}]` : '';
  const lines = [`${d.file}:${d.line}:${d.col}: error${cases}: ${d.message}`];
  const text = visibleControls(source?.split('\n')[d.line - 1]);
  if (text !== undefined) {
    const gutter = String(d.line);
    lines.push(`${' '.repeat(gutter.length)} |`);
    lines.push(`${gutter} | ${text}`);
    // Columns count characters; the caret is placed by terminal width so it sits under wide (CJK) text too.
    const before = [...text].slice(0, Math.max(0, d.col - 1)).join('');
    const marked = [...text].slice(Math.max(0, d.col - 1), Math.max(0, d.col - 1) + d.span).join('');
    const width = Math.max(1, displayWidth(marked));
    lines.push(`${' '.repeat(gutter.length)} | ${' '.repeat(displayWidth(before))}${'^'.repeat(width)}`);
  }
  lines.push(`  fix: ${d.fix}`);
  return lines.join('\n');
}

/** The line with control characters shown as their pictures (NUL as ␀): printed raw they garble a terminal. */
function visibleControls(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  return [...line.replace(/\r$/, '')]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code === 0x7f) return '\u2421';
      return code < 0x20 && c !== '\t' ? String.fromCharCode(0x2400 + code) : c;
    })
    .join('');
}

/** Orders diagnostics by file, then position, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
