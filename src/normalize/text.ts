// Line-restricted replacement for the rules, so a rule can touch only the
// lines that carry a marker (fast on big outputs, and
// it keeps e.g. TCP `seq` handling away from ICMP `seq`).

/**
 * Applies `edit` to every line of `text` that contains `marker`, leaving the
 * other lines untouched. Linear in the length of `text`.
 */
export function editLinesContaining(text: string, marker: string, edit: (line: string) => string): string {
  let hit = text.indexOf(marker);
  if (hit < 0) return text;
  const out: string[] = [];
  let copied = 0;
  while (hit >= 0) {
    const start = text.lastIndexOf('\n', hit) + 1;
    const newline = text.indexOf('\n', hit);
    const end = newline < 0 ? text.length : newline;
    out.push(text.slice(copied, start), edit(text.slice(start, end)));
    copied = end;
    hit = newline < 0 ? -1 : text.indexOf(marker, end);
  }
  out.push(text.slice(copied));
  return out.join('');
}
