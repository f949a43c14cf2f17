/** The docs command (generate-docs.ts is its program): what it writes or checks, and its options. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, UsageError, wantsHelp } from '../runner/cli/parse-options.ts';
import { ProjectRootError, projectRoot, ROOT_VARIABLE } from '../runner/cli/project-root.ts';
import { CommandExit, cliIo } from '../runner/config/command-io.ts';
import { makeDirectory } from '../runner/files/make-directory.ts';

export const PROGRAM = 'generate-docs';

const USAGE = `usage: npm run docs -- [--check] [--esb REV] [--root DIR]
  rebuilds the scenario documents from the catalogue and the test matrix: docs/scenarios.md for the default
  ESB revision, docs/scenarios-<REV>.md for each other revision of environments/esb_revisions.yaml; and this
  package's schema/catalog-file.schema.json and docs/catalogue-steps.md lists from the operator and hook tables
  --check     only compare: exit 1 and show what differs when a committed file is stale
  --esb REV   only the document of that ESB revision (default: every revision's)
  --root DIR  another project root (default: ${ROOT_VARIABLE} when set, else this package)
exit code: 0 written or up to date, 1 stale, 2 a usage or catalogue error`;

const OPTIONS = { check: { type: 'boolean' }, esb: { type: 'string' }, root: { type: 'string' } } as const;

/** This package: its tables generate its own schema and reference, whatever catalogue --root names. */
const PACKAGE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

function writeFile(target: string, text: string): boolean {
  try {
    makeDirectory(dirname(target));
    writeFileSync(target, text);
    return true;
  } catch (error) {
    cliIo().stderr(
      `${PROGRAM}: cannot write ${target} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); make it writable\n`,
    );
    return false;
  }
}

/**
 * Writes or checks the files that follow from the operator and hook tables; `ok` is false when one is stale or
 * cannot be written. Run before the catalogue loads: a new operator must be in the schema the loader reads.
 * The "up to date" lines are returned, for stdout once the catalogue has loaded (a load error prints nothing
 * on stdout).
 */
async function vocabulary(check: boolean): Promise<{ ok: boolean; upToDate: string[] }> {
  const { vocabularyFiles } = await import('./vocabulary-files.ts');
  const { staleFileProblem } = await import('./generated-file.ts');
  let ok = true;
  const upToDate: string[] = [];
  for (const file of vocabularyFiles(PACKAGE_ROOT)) {
    if (file.committed === file.rendered) {
      if (check) upToDate.push(`${file.path} is up to date.\n`);
      continue;
    }
    if (check) {
      ok = false;
      cliIo().stderr(
        staleFileProblem(file.path, file.committed, file.rendered, 'the operator and hook tables') ?? '',
      );
      continue;
    }
    // Written only when it changed: tests read these files while other tests run the generator.
    if (!writeFile(join(PACKAGE_ROOT, file.path), file.rendered)) ok = false;
    else cliIo().stdout(`wrote ${file.path}\n`);
  }
  return { ok, upToDate };
}

function rootOf(given: string | undefined): string {
  if (given !== undefined) return projectRoot({ name: '--root', given, unset: 'leave --root out' });
  return projectRoot({
    name: ROOT_VARIABLE,
    given: cliIo().env[ROOT_VARIABLE],
    unset: `unset ${ROOT_VARIABLE}`,
  });
}

/** `npm run docs -- <argv>`: returns the exit code (usage in generate-docs.ts). */
export async function docsCommand(argv: string[]): Promise<number> {
  try {
    return await docsMain(argv);
  } catch (error) {
    // The loader printed its diagnostics.
    if (error instanceof CommandExit) return error.exitCode;
    throw error;
  }
}

async function docsMain(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    cliIo().stdout(`${USAGE}\n`);
    return 0;
  }
  let check: boolean;
  let root: string;
  let esb: string | undefined;
  try {
    const parsed = parseOptions(argv, OPTIONS);
    check = parsed.flag('check');
    root = rootOf(parsed.string('root'));
    esb = parsed.string('esb');
    if (esb !== undefined && esb.trim() === '')
      throw new UsageError('--esb needs a revision name, e.g. --esb 2026-03-02');
  } catch (error) {
    if (error instanceof ProjectRootError) {
      cliIo().stderr(`${PROGRAM}: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    cliIo().stderr(`${PROGRAM}: ${error.message}\n${USAGE.split('\n')[0]}; see: npm run docs -- --help\n`);
    return 2;
  }
  // Loaded once the arguments are good: help and usage errors answer without loading the catalogue code.
  const { ok: vocabularyOk, upToDate } = await vocabulary(check);
  const { loadCatalogueOrExit } = await import('../runner/cli/load-or-exit.ts');
  const { renderScenarios, scenariosDocument } = await import('./render-scenarios.ts');
  const { staleFileProblem } = await import('./generated-file.ts');
  // The named revision, else the default one, then every other revision the project declares.
  const first = loadCatalogueOrExit(
    root,
    esb === undefined ? undefined : { name: esb.trim(), from: '--esb' },
    PROGRAM,
  );
  const others =
    esb !== undefined || first.esb === undefined
      ? []
      : first.esb.revisions
          .filter((r) => r.name !== first.esb?.revision.name)
          .map((r) => loadCatalogueOrExit(root, { name: r.name, from: '--esb' }, PROGRAM));
  for (const line of upToDate) cliIo().stdout(line);
  let ok = vocabularyOk;
  for (const catalogue of [first, ...others]) {
    const document = scenariosDocument(catalogue);
    const rendered = renderScenarios(catalogue);
    const target = join(root, document);
    const cases = `${catalogue.cases.length} cases${catalogue.esb === undefined ? '' : `, ESB ${catalogue.esb.revision.name}`}`;
    if (check) {
      let committed: string | undefined;
      try {
        committed = readFileSync(target, 'utf8');
      } catch {
        // Unreadable counts as missing, as it always did for the document.
        committed = undefined;
      }
      const stale = staleFileProblem(document, committed, rendered, 'the catalogue and matrix');
      if (stale !== undefined) {
        cliIo().stderr(stale);
        ok = false;
      } else cliIo().stdout(`${document} is up to date (${cases}).\n`);
      continue;
    }
    if (!writeFile(target, rendered)) ok = false;
    else cliIo().stdout(`wrote ${document} (${cases})\n`);
  }
  return ok ? 0 : 1;
}
