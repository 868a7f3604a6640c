// A prose run may be part of a container cut by a step (a fence inside a
// list item or a block quote): the containers a run closes without opening
// are reopened first (a list item as a continuation, without its marker),
// and openers without their closer end with the run.
import Token from 'markdown-it/lib/token.mjs';

/** Marks a list item reopened for a run that continues it: no marker. */
export const CONTINUED = 'learn-continued';

/** Openers for the containers the run closes but did not open, outermost first. */
export function reopenContainers(tokens: readonly Token[]): readonly Token[] {
  const unmatched: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if (token.nesting === 1) depth++;
    else if (token.nesting === -1) {
      if (depth > 0) depth--;
      else unmatched.push(token);
    }
  }
  if (unmatched.length === 0) return tokens;
  const openers = unmatched.reverse().map((closer) => {
    const opener = new Token(closer.type.replace(/_close$/, '_open'), closer.tag, 1);
    opener.markup = closer.markup;
    if (opener.type === 'list_item_open') opener.meta = CONTINUED;
    return opener;
  });
  return [...openers, ...tokens];
}
