// The text a regular expression captured, for patterns whose groups always
// take part in a match: a group that did not is a mistake in the pattern,
// said as such, never an `undefined` passed on. Pure.

/** Group `group` of `match`; throws when the pattern let it out. */
export function captured(match: RegExpMatchArray | RegExpExecArray, group: number): string {
  const text = match[group];
  if (text === undefined) throw new Error(`pattern group ${group} took no part in the match of ${JSON.stringify(match[0])}`);
  return text;
}
