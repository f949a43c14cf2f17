/**
 * Runs one in-process testbed stack in a process of its own, for tests that need several stacks at once:
 * each stack then has its own event loop (two gateways, stores and log ingestion sharing one loop starve
 * each other on a small machine), and a crash in one stack cannot take the test process down.
 * Usage: node --import tsx stack-process-main.ts <options JSON> (stack-process.ts runs it bundled); prints one line `ready <client env JSON>`,
 * closes the stack on SIGTERM or when stdin ends (the parent died).
 */
import { type InProcessStackOptions, startInProcessStack } from '../../testbed/stack/in-process-stack.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as InProcessStackOptions;
const stack = await startInProcessStack(options);
process.stdout.write(`ready ${JSON.stringify(stack.clientEnv)}\n`);

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  await stack.close();
  process.exit(0);
}
process.on('SIGTERM', close);
process.stdin.on('end', close);
process.stdin.resume();
