// What the lesson parser needs from markdown-it: the configured parser (also
// for whoever renders a lesson's prose) and small token helpers.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

// Performance: the CLI's bundle (scripts/bundle.mjs) carries markdown-it and
// its dependencies inside, so no module of theirs is looked up at start-up.
const MarkdownItParser = MarkdownIt;

/** GitHub-like reading: CommonMark plus tables and strikethrough, raw HTML kept. */
export function createMarkdown(): MarkdownIt {
  return new MarkdownItParser('default', { html: true });
}

/** Plain text of an `inline` token (a heading's text): markup dropped. */
export function inlineText(inline: Token | undefined): string {
  return (inline?.children ?? []).map(childText).join('').replace(/\s+/g, ' ').trim();
}

function childText(child: Token): string {
  switch (child.type) {
    case 'text':
    case 'code_inline':
      return child.content;
    case 'softbreak':
    case 'hardbreak':
      return ' ';
    case 'image':
      return inlineText(child);
    default:
      return '';
  }
}

/** 1-based file line of a block token's first line. */
export function startLine(token: Token): number {
  return (token.map?.[0] ?? 0) + 1;
}

/** 1-based line of a fence's closing marker, or of its last line when unclosed. */
export function fenceEndLine(token: Token): number {
  return token.map?.[1] ?? startLine(token);
}

/**
 * A fence that ran to the end of its document, list item or quote because no
 * closing marker came: its lines are the opener and the body, nothing more.
 */
export function isUnclosedFence(token: Token): boolean {
  const [first, end] = token.map ?? [0, 0];
  return end - first - 1 <= bodyLines(token.content).length;
}

/** The lines of a fence body (markdown-it ends each with `\n`). */
export function bodyLines(content: string): string[] {
  if (content === '') return [];
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
