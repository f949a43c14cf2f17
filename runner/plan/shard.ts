/** One part of a run split across machines: shard `index` (1-based) of `total`. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

export class ShardSyntaxError extends Error {}

/** Parses `i/n` with 1 <= i <= n, as node's --test-shard writes it. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (match === null || total < 1 || index < 1 || index > total)
    throw new ShardSyntaxError(
      `invalid shard '${text}': write i/n with 1 <= i <= n, e.g. --shard 2/3 for the second of three parts`,
    );
  return { index, total };
}

/**
 * The items of one shard, round-robin by position: item k belongs to shard (k mod n) + 1. Every item lands in
 * exactly one shard, shard sizes differ by at most one, and long neighbouring cases (one scenario file) spread
 * over the shards instead of piling into one.
 */
export function takeShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (shard === undefined) return [...items];
  return items.filter((_, k) => k % shard.total === shard.index - 1);
}

/** One file of a `node --test` run, in node's order (sorted absolute paths). */
export interface RunFile {
  readonly path: string;
  /** Whether the file registers cases (an entry file); others (any other test file) only take a place. */
  readonly canOwn: boolean;
}

/**
 * node's --test-shard=i/n splits a run by file (file k of the sorted list runs in shard (k mod n) + 1), which
 * leaves shards as uneven as the scenarios. This splits the run's cases instead: case p (plan order) goes to the
 * p-th of the shards that hold an entry file, round-robin as takeShard does; within its shard a case is run by
 * its own scenario's file when that file is there, otherwise by the shard's entry files in turn. Every case
 * lands in exactly one file of one shard and the case counts of the shards differ by at most one (when every
 * shard holds an entry file, i.e. n <= the number of entry files). Returns the cases of shard `shard` by file.
 */
export function shardCasesByFile<T>(
  cases: readonly T[],
  fileOf: (c: T) => string,
  files: readonly RunFile[],
  shard: Shard,
): Map<string, T[]> {
  const shardOfFile = (k: number) => (k % shard.total) + 1;
  const active = [...new Set(files.flatMap((f, k) => (f.canOwn ? [shardOfFile(k)] : [])))].sort(
    (a, b) => a - b,
  );
  const owners = files.filter((f, k) => f.canOwn && shardOfFile(k) === shard.index).map((f) => f.path);
  const byFile = new Map<string, T[]>(owners.map((path) => [path, []]));
  if (owners.length === 0) return byFile;
  let orphans = 0;
  cases.forEach((c, p) => {
    if (active[p % active.length] !== shard.index) return;
    const own = byFile.get(fileOf(c));
    if (own !== undefined) own.push(c);
    else byFile.get(owners[orphans++ % owners.length] as string)?.push(c);
  });
  return byFile;
}
