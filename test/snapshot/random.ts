// Seeded random text for property tests: reproducible, and biased toward the
// lines that are hard for the snapshot format and the matcher.

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const LINES = ['', '===', '=== x', '\\', '\\===', '\\\\x', '...', '[..]', 'a[..]b', '\tindented', 'ünï', '→ 😀', 'ip link', '  spaced  ', '#', '# learn snapshot v1'];

export function randomLine(random: () => number): string {
  if (random() < 0.6) return pick(random, LINES);
  const length = Math.floor(random() * 12);
  let line = '';
  for (let i = 0; i < length; i++) line += pick(random, ['a', 'b', ' ', '=', '\\', '\t', '.', '[', ']', 'é', '1']);
  return line;
}

export function randomBody(random: () => number): string {
  if (random() < 0.1) return '';
  const count = 1 + Math.floor(random() * 6);
  return Array.from({ length: count }, () => randomLine(random)).join('\n');
}

export function randomName(random: () => number): string {
  return pick(random, ['step', 'make-bridge', 'ping', 'a_b', 'x1', 'capture', 'with space', 'ünï']) + Math.floor(random() * 100);
}
