import type { FaultName } from '../../faults/fault-table.ts';
import type { FunctionDefinition } from '../../functions/function-catalog.ts';

const MIB = 1024 * 1024;
/** What fault `wrong-memory-limit` hands out instead of the deployed size (128 or 512 MiB; STD-013 must notice). */
const WRONG_LIMIT_MIB = 256;

/**
 * The memory limit of a worker container in bytes, from the function as deployed: 128 MiB -> 134217728 (512 MiB
 * from ESB 2026-03-02 on), undefined for a function without a limit (lambda-image at the seed).
 */
export function workerMemoryBytes(
  definition: FunctionDefinition,
  faults: ReadonlySet<FaultName>,
): number | undefined {
  if (definition.memoryMb === undefined) return undefined;
  const mib = faults.has('wrong-memory-limit') ? WRONG_LIMIT_MIB : definition.memoryMb;
  return mib * MIB;
}
