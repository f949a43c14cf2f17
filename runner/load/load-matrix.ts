import { posix } from 'node:path';
import type {
  Environment,
  PartialRemarkStyle,
  RuntimeMode,
  Suite,
  SuiteTarget,
  TestMatrix,
} from '../../language/model/catalogue.ts';
import { didYouMean } from '../text/closest-name.ts';
import type { Diagnostic } from './diagnostic.ts';
import { parseAndValidate } from './validated-yaml.ts';
import type { YamlSource } from './yaml-source.ts';

interface RawMatrix {
  suites: Record<
    string,
    { targets: string[]; exclude?: string[]; docs?: { partial_remark?: PartialRemarkStyle } }
  >;
  environments: Record<string, { mode?: RuntimeMode; suites: string[] }>;
}

export type MatrixLoad = { matrix: TestMatrix | undefined; source?: YamlSource; diagnostics: Diagnostic[] };

const CASE_ID = /^[A-Z]{3}-[0-9]{3}$/;

/** Mode of an environment without an explicit one: a name containing "containerd" runs on containerd. */
export function inferMode(envName: string): RuntimeMode {
  return envName.includes('containerd') ? 'containerd' : 'docker';
}

/**
 * Loads environments/test_matrix.yaml. Targets are resolved against the catalogue files that exist
 * (`catalogueFiles`, relative to the root) and case IDs (`filesOfId`: the files declaring each ID; undefined when some file did not load, which leaves exclusions by ID unjudged); a target or exclusion that matches nothing is an error.
 */
export function loadMatrix(
  root: string,
  file: string,
  text: string,
  catalogueFiles: readonly string[],
  filesOfId: ReadonlyMap<string, readonly string[]> | undefined,
): MatrixLoad {
  const { source, diagnostics } = parseAndValidate(root, file, text, 'test-matrix');
  if (source === undefined) return { matrix: undefined, diagnostics };
  const raw = source.data as RawMatrix;
  const problem = (code: string, path: (string | number)[], message: string, fix: string) =>
    diagnostics.push({ code, file, ...source.locate(path), caseIds: [], message, fix });
  const matrixDir = posix.dirname(file);

  const suites: Suite[] = Object.entries(raw.suites).map(([name, suite]) => {
    const targets: SuiteTarget[] = [];
    suite.targets.forEach((text, i) => {
      const folder = text.endsWith('/');
      const resolved = posix.normalize(posix.join(matrixDir, text));
      const path = folder ? `${resolved.replace(/\/$/, '')}/` : resolved;
      const matches = catalogueFiles.filter((f) => (folder ? f.startsWith(path) : f === path));
      if (!path.startsWith('catalog/')) {
        problem(
          'target-outside-catalogue',
          ['suites', name, 'targets', i],
          `target ${text} lies outside catalog/`,
          'name a file or folder below ../catalog/',
        );
      } else if (matches.length === 0) {
        const asFolder = !folder && catalogueFiles.some((f) => f.startsWith(`${path}/`));
        problem(
          'target-matches-nothing',
          ['suites', name, 'targets', i],
          `target ${text} (${path}) matches no catalogue file`,
          asFolder
            ? `${text} is a folder: write ${text}/`
            : `name an existing catalogue file or folder (folders end with '/').${didYouMean(path, catalogueFiles)}`,
        );
      }
      targets.push({ text, path, kind: folder ? 'folder' : 'file' });
    });
    const exclude: string[] = [];
    (suite.exclude ?? []).forEach((entry, i) => {
      if (CASE_ID.test(entry)) {
        if (filesOfId === undefined) {
          exclude.push(entry);
          return;
        }
        const files = filesOfId.get(entry);
        const covered = (file: string) =>
          targets.some((t) => (t.kind === 'folder' ? file.startsWith(t.path) : file === t.path));
        if (files === undefined) {
          problem(
            'exclude-matches-nothing',
            ['suites', name, 'exclude', i],
            `exclusion ${entry} names no case in the catalogue`,
            'name an existing case ID or a catalogue path',
          );
        } else if (!files.some(covered)) {
          // Excluding a case the suite does not hold changes nothing: most likely the wrong suite or ID.
          problem(
            'exclude-matches-nothing',
            ['suites', name, 'exclude', i],
            `exclusion ${entry} names a case that suite ${name} does not hold (it is in ${files.join(', ')})`,
            `remove the exclusion, or move it to the suite whose targets cover ${files.join(', ')}`,
          );
        }
        exclude.push(entry);
        return;
      }
      const resolved = posix.normalize(posix.join(matrixDir, entry));
      if (!catalogueFiles.some((f) => f === resolved || f.startsWith(`${resolved.replace(/\/$/, '')}/`))) {
        problem(
          'exclude-matches-nothing',
          ['suites', name, 'exclude', i],
          `exclusion ${entry} matches no catalogue file`,
          'name a case ID (e.g. STD-010) or an existing catalogue path',
        );
      }
      exclude.push(entry.endsWith('/') ? `${resolved}/` : resolved);
    });
    return { name, targets, exclude, partialRemark: suite.docs?.partial_remark ?? 'unassigned' };
  });

  const suiteNames = suites.map((s) => s.name);
  const environments: Environment[] = Object.entries(raw.environments).map(([name, env]) => {
    env.suites.forEach((suite, i) => {
      if (!suiteNames.includes(suite)) {
        problem(
          'unknown-suite',
          ['environments', name, 'suites', i],
          `environment ${name} names the unknown suite '${suite}'.${didYouMean(suite, suiteNames)}`,
          `use a suite defined under suites: ${suiteNames.join(', ')}`,
        );
      }
    });
    return { name, mode: env.mode ?? inferMode(name), suites: env.suites };
  });
  return { matrix: { file, suites, environments }, source, diagnostics };
}
