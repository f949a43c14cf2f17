#!/usr/bin/env node
// The CLI is TypeScript, run from a bundle of its sources that is built on first use and kept while they are
// unchanged (program-bundle.mjs), so the package ships no build step; where no bundle can be had, tsx compiles
// the sources on load.
import { programUrl } from './program-bundle.mjs';

const { runCli } = await import(await programUrl('cli-main'));
await runCli(process.argv.slice(2));
