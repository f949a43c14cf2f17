import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { NODE_BUNDLE_OPTIONS } from '../../runner/files/node-bundle-options.ts';

/** A service to bundle: its name (the bundle's file name) and its TypeScript entry. */
export interface ServiceEntry {
  readonly name: string;
  readonly entryPath: string;
}

/**
 * Builds the testbed's services (gateway, agent, VictoriaLogs, stores) into one ES module each, sharing chunks,
 * so that every service container starts as plain `node <bundle>`: through tsx, each start (`up`, and every
 * restart a case provokes) transpiled the service's sources anew in its container, about a second of CPU.
 * Packages stay outside the bundles (dynalite and s3rver load files of their own, and are plain JavaScript
 * already): node finds them in the project's node_modules above the bundle. Returns each service's bundle.
 */
export async function buildServiceBundles(
  outDir: string,
  services: readonly ServiceEntry[],
): Promise<Record<string, string>> {
  // A fresh folder: chunk names carry content hashes, and a rebuild would leave the previous ones beside it.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    ...NODE_BUNDLE_OPTIONS,
    entryPoints: Object.fromEntries(services.map((s) => [s.name, s.entryPath])),
    outdir: outDir,
  });
  return Object.fromEntries(services.map((s) => [s.name, join(outDir, `${s.name}.mjs`)]));
}
