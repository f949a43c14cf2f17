#!/usr/bin/env node
// `npm run testbed`: the testbed's command (testbed/cli/testbed-cli.ts), run from a bundle of its sources as the
// CLI is (program-bundle.mjs): a `down` took 1.0 CPU s through tsx, 0.45 bundled.
import { programUrl } from './program-bundle.mjs';

await import(await programUrl('testbed-cli'));
