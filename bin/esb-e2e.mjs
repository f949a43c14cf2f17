#!/usr/bin/env node
// The CLI is TypeScript, run from a bundle of its sources that is built on first use and kept while they are
// unchanged (cli-bundle.mjs), so the package ships no build step; where no bundle can be had, tsx compiles the
// sources on load.
import { cliBundle } from './cli-bundle.mjs';

const debugging = !['', '0', 'false'].includes((process.env.ESB_E2E_DEBUG ?? '').trim().toLowerCase());
// The bundle's stack traces name the TypeScript lines; the map is read only for a run that shows them.
if (debugging) process.setSourceMapsEnabled(true);
const bundle = await cliBundle();
if (bundle === undefined) (await import('tsx/esm/api')).register();
const { runCli } = await import(bundle ?? './cli-main.ts');
await runCli(process.argv.slice(2));
