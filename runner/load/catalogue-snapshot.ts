import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue, DeclarationSite, PlannedCase } from '../../language/model/catalogue.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import { readSourceText } from './project-files.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

/**
 * The catalogue as `esb-e2e run` loaded and validated it, written once per run for the node:test processes it
 * starts: parsing every YAML file and compiling the schema cost each of them over a second of CPU, on a machine
 * busy starting testbeds. The processes also plan exactly what the run planned, even if a file is edited
 * meanwhile.
 *
 * The catalogue is plain data but for each declaration's `locate`, which answers from the parsed file: the
 * snapshot keeps each catalogue file's text instead, and a process parses a file again only when it must show a
 * position in it (a failing case).
 */
interface Snapshot {
  readonly format: typeof FORMAT;
  /** The catalogue but its `cases`, which are the files' cases with their suite: written once, as `planned`. */
  readonly catalogue: Omit<Catalogue, 'cases'>;
  /** Each of the catalogue's cases, in order: its file and place in that file's cases, its suite and environments. */
  readonly planned: readonly (readonly [
    file: number,
    index: number,
    suite: string,
    envs: readonly string[],
  ])[];
}

/**
 * Format 3 writes each case once (the catalogue's cases are its files' cases with a suite: at 10,000 cases the
 * copies were 40% of the file and of the memory of every process that read it), and the files' texts beside it
 * (snapshotTexts), read only when a position is shown.
 */
const FORMAT = 'esb-e2e catalogue snapshot 3';

/**
 * The text of each catalogue file, by its path relative to the root, as the snapshot at `path` was loaded from:
 * a file of its own beside the snapshot, since only a failing case reads it (to quote its line).
 */
export const snapshotTexts = (path: string): string => `${path}.texts`;

/** Which of its file's cases a planned case is: a declaration (file, index in the file) and its expanded name. */
const caseKey = (c: {
  readonly name: string;
  readonly site: { readonly file: string; readonly index: number };
}) => `${c.site.file}\0${c.site.index}\0${c.name}`;

/** Writes the snapshot of a catalogue loaded from its root a moment ago, and its texts beside it. */
export function writeCatalogueSnapshot(catalogue: Catalogue, path: string): void {
  const texts: Record<string, string> = {};
  for (const file of catalogue.files) texts[file.file] = readSourceText(catalogue.root, file.file).text;
  const places = new Map<string, [number, number]>();
  catalogue.files.forEach((file, f) => {
    file.cases.forEach((c, i) => {
      places.set(caseKey(c), [f, i]);
    });
  });
  const planned = catalogue.cases.map((c) => {
    const place = places.get(caseKey(c));
    if (place === undefined) throw new Error(`case ${c.id} ${c.name} is in no file of the catalogue`);
    return [place[0], place[1], c.suite, c.envs] as const;
  });
  const { cases: _written, ...rest } = catalogue;
  const snapshot: Snapshot = { format: FORMAT, catalogue: rest, planned };
  writeFileSync(snapshotTexts(path), JSON.stringify(texts));
  // `locate` is a function: JSON leaves it out.
  writeFileSync(path, JSON.stringify(snapshot));
}

/**
 * Reads a snapshot back, if it is one of `root`'s catalogue; undefined for anything else (another root, an
 * older format, a file that is not there), and the caller loads the catalogue itself.
 */
export function readCatalogueSnapshot(path: string, root: string): Catalogue | undefined {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot.format !== FORMAT || resolve(snapshot.catalogue.root) !== resolve(root)) return undefined;
  let texts: Readonly<Record<string, string>> | undefined;
  const textOf = (file: string): string => {
    if (texts === undefined)
      try {
        texts = JSON.parse(readFileSync(snapshotTexts(path), 'utf8')) as Record<string, string>;
      } catch {
        texts = {}; // positions are still shown, only without the quoted line
      }
    return texts[file] ?? '';
  };
  const parsed = new Map<string, YamlSource | undefined>();
  const sourceOf = (file: string): YamlSource | undefined => {
    if (!parsed.has(file)) {
      const result = parseYamlSource(file, textOf(file));
      parsed.set(file, result.ok ? result.source : undefined);
    }
    return parsed.get(file);
  };
  const withLocate = (site: DeclarationSite): DeclarationSite => ({
    ...site,
    locate: (at: DataPath) => sourceOf(site.file)?.locate(at) ?? { line: site.line, col: site.col, span: 1 },
  });
  const { catalogue } = snapshot;
  const files = catalogue.files.map((f) => ({
    ...f,
    cases: f.cases.map((c) => ({ ...c, site: withLocate(c.site) })),
  }));
  const cases: PlannedCase[] = [];
  for (const [file, index, suite, envs] of snapshot.planned) {
    const expanded = files[file]?.cases[index];
    if (expanded === undefined) return undefined;
    cases.push({ ...expanded, suite, envs });
  }
  return { ...catalogue, files, cases };
}
