import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionDefinition } from '../../functions/function-catalog.ts';

const MIB = 1024 * 1024;
/** What fault `wrong-memory-limit` hands out instead of the catalogue's 128 MiB (STD-013 must notice). */
const WRONG_LIMIT_MIB = 256;

/**
 * The memory limit of a worker container in bytes, from the function catalogue: 128 MiB -> 134217728,
 * undefined for a function without a limit (lambda-image).
 */
export function workerMemoryBytes(
  definition: FunctionDefinition,
  faults: ReadonlySet<FaultName>,
): number | undefined {
  if (definition.memoryMb === undefined) return undefined;
  const mib = faults.has('wrong-memory-limit') ? WRONG_LIMIT_MIB : definition.memoryMb;
  return mib * MIB;
}
