// Runs one Step CI workflow (a JSON file) with Step CI's own runner library, as its CLI does, and prints
// "<passed>/<tests>"; exit 0 only when every test passed. bench/runner-vs-stepci.ts times this process.
import { readFileSync } from 'node:fs';
import { run } from '@stepci/runner';

const workflow = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { result } = await run(workflow);
const passed = result.tests.filter((test) => test.passed).length;
process.stdout.write(`${passed}/${result.tests.length}\n`);
process.exit(result.passed ? 0 : 1);
