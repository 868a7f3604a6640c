// The tail of a long text, for messages that show what came last. Pure.

/** The last `count` lines, after a `...` line when some were left out. */
export function lastLines(text: string, count: number): string {
  const lines = text.split('\n');
  return (lines.length > count ? ['...', ...lines.slice(-count)] : lines).join('\n');
}
