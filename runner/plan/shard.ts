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
