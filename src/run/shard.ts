// `--shard K/N`: a deterministic split of the lesson list for CI matrix jobs.
// Pure. Lessons are ranked by path (code-point order, so locale and argument
// order do not matter) and dealt round-robin: lesson i of that ranking goes to
// shard (i mod N) + 1. The same set of lessons always splits the same way, and
// every lesson lands in exactly one shard. The selected lessons keep the order
// they were given in (curriculum order).

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `K/N` (1 <= K <= N); returns an error message for anything else. */
export function parseShard(text: string): Shard | string {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return `--shard takes K/N (for example 2/4), not "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return `--shard ${text}: the number of shards must be 1 or more`;
  if (index < 1 || index > count) return `--shard ${text}: the shard number must be between 1 and ${count}`;
  return { index, count };
}

/** The files of shard `shard`, in their given order. */
export function selectShard(files: string[], shard: Shard): string[] {
  const unique = [...new Set(files)];
  const ranked = [...unique].sort(comparePaths);
  const mine = new Set(ranked.filter((_, i) => i % shard.count === shard.index - 1));
  return unique.filter((f) => mine.has(f));
}

/** Path order independent of locale and of `./` prefixes or backslashes. */
function comparePaths(a: string, b: string): number {
  const ka = canonical(a);
  const kb = canonical(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function canonical(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}
