import { registerEntryGroup } from './entry-group.ts';
import { PROCESS_VARIABLE } from './process-variables.ts';
import { RUN_VARIABLE } from './run-variables.ts';

// The program of a node:test process of `esb-e2e run` (spawn-entry.ts): the entry files it names, in one process.
const files = JSON.parse(process.env[PROCESS_VARIABLE.entryFiles] ?? '[]') as string[];
const compiled = JSON.parse(process.env[PROCESS_VARIABLE.compiledEntries] ?? '{}') as Record<string, string>;
await registerEntryGroup(files, process.env[RUN_VARIABLE.root] ?? process.cwd(), compiled);
