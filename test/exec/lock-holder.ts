/**
 * A second process for the lock tests: takes one lock, says "acquired", holds it for the given milliseconds
 * (or until killed with `forever`), releases it and says "released".
 * Usage: node --import tsx test/exec/lock-holder.ts <lockDir> <name> <shared|exclusive> <ms|forever>
 */
import { acquireLock, type LockMode } from '../../runner/exec/resource-lock.ts';

const [lockDir, name, mode, hold] = process.argv.slice(2);
if (lockDir === undefined || name === undefined || (mode !== 'shared' && mode !== 'exclusive')) {
  throw new Error('usage: lock-holder.ts <lockDir> <name> <shared|exclusive> <ms|forever>');
}
const lock = await acquireLock(lockDir, name, mode as LockMode);
process.stdout.write('acquired\n');
if (hold === 'forever') {
  setInterval(() => undefined, 60_000);
} else {
  await new Promise((resolve) => setTimeout(resolve, Number(hold)));
  lock.release();
  process.stdout.write('released\n');
}
