import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Catalogue, DeclarationSite } from '../../language/model/catalogue.ts';
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
  readonly catalogue: Catalogue;
  /** The text of each catalogue file, by its path relative to the root. */
  readonly texts: Readonly<Record<string, string>>;
}

const FORMAT = 'esb-e2e catalogue snapshot 1';

/** Writes the snapshot of a catalogue loaded from its root a moment ago. */
export function writeCatalogueSnapshot(catalogue: Catalogue, path: string): void {
  const texts: Record<string, string> = {};
  for (const file of catalogue.files) texts[file.file] = readSourceText(catalogue.root, file.file).text;
  const snapshot: Snapshot = { format: FORMAT, catalogue, texts };
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
  const parsed = new Map<string, YamlSource | undefined>();
  const sourceOf = (file: string): YamlSource | undefined => {
    if (!parsed.has(file)) {
      const result = parseYamlSource(file, snapshot.texts[file] ?? '');
      parsed.set(file, result.ok ? result.source : undefined);
    }
    return parsed.get(file);
  };
  const withLocate = (site: DeclarationSite): DeclarationSite => ({
    ...site,
    locate: (at: DataPath) => sourceOf(site.file)?.locate(at) ?? { line: site.line, col: site.col, span: 1 },
  });
  const { catalogue } = snapshot;
  return {
    ...catalogue,
    files: catalogue.files.map((f) => ({
      ...f,
      cases: f.cases.map((c) => ({ ...c, site: withLocate(c.site) })),
    })),
    cases: catalogue.cases.map((c) => ({ ...c, site: withLocate(c.site) })),
  };
}
