// Inline tokens (a paragraph's children) into words: runs of marked pieces
// with no space inside, the unit the wrapper breaks lines between. Links
// keep their text and add their URL; CJK text breaks between characters.
import type Token from 'markdown-it/lib/token.mjs';
import { isCjk, splitAtBreaks } from '../cjk-breaks.js';
import type { Mark, ProseStyle } from './style.js';

export interface Piece {
  text: string;
  marks: Mark[];
  /** On a word's first piece: the word follows the one before without a space (CJK text). */
  glue?: boolean;
}

/** A run of pieces with no space inside; or a hard line break. */
export type Word = Piece[] | 'break';

export function inlineWords(children: readonly Token[], style: ProseStyle): Word[] {
  const words: Word[] = [];
  let word: Piece[] = [];
  const marks: Mark[] = [];
  const links: string[] = [];
  // The last character of the word being built, and, after a soft line
  // break, the character before it: a line end between two CJK characters
  // joins them without a space.
  let last = '';
  let beforeSoftBreak = '';
  const endWord = (): void => {
    if (word.length > 0) words.push(word);
    word = [];
    last = '';
  };
  const addText = (text: string, extra: Mark[] = []): void => {
    for (const part of text.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        endWord();
        beforeSoftBreak = '';
        continue;
      }
      for (const chunk of splitAtBreaks(last, part)) {
        if (chunk.breakBefore) endWord();
        const piece: Piece = { text: chunk.text, marks: [...marks, ...extra] };
        if (chunk.breakBefore || (word.length === 0 && beforeSoftBreak !== '' && isCjk(beforeSoftBreak) && isCjk(chunk.text))) piece.glue = true;
        word.push(piece);
        beforeSoftBreak = '';
        last = [...chunk.text].pop() ?? last;
      }
    }
  };
  const addUrl = (url: string): void => {
    endWord();
    word.push({ text: `(${url})`, marks: ['url'] });
  };
  for (const [i, child] of children.entries()) {
    switch (child.type) {
      case 'text':
        addText(child.content);
        break;
      case 'code_inline': {
        const text = style.visible ? child.content : `\`${child.content}\``;
        addText(text, ['code']);
        break;
      }
      case 'softbreak': {
        const before = last;
        endWord();
        beforeSoftBreak = before;
        break;
      }
      case 'hardbreak':
        endWord();
        words.push('break');
        break;
      case 'strong_open':
        marks.push('strong');
        break;
      case 'em_open':
        marks.push('em');
        break;
      case 's_open':
        marks.push('strike');
        break;
      case 'link_open':
        marks.push('link');
        links.push(child.attrGet('href') ?? '');
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
        popMark(marks, child.type === 'strong_close' ? 'strong' : child.type === 'em_close' ? 'em' : 'strike');
        break;
      case 'link_close': {
        popMark(marks, 'link');
        const href = links.pop() ?? '';
        const text = linkText(children, i);
        if (href !== '' && href !== text && href !== `mailto:${text}`) addUrl(href);
        break;
      }
      case 'image': {
        const alt = child.children && child.children.length > 0 ? plainInline(child.children) : child.content;
        addText(`[image${alt ? `: ${alt}` : ''}]`);
        const src = child.attrGet('src');
        if (src) addUrl(src);
        break;
      }
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(child.content)) {
          endWord();
          words.push('break');
        }
        break;
      default:
        if (child.content) addText(child.content);
    }
  }
  endWord();
  return words;
}

function popMark(marks: Mark[], mark: Mark): void {
  const at = marks.lastIndexOf(mark);
  if (at !== -1) marks.splice(at, 1);
}

/** The plain text of the link that closes at `closeIndex`. */
function linkText(children: readonly Token[], closeIndex: number): string {
  let depth = 0;
  let text = '';
  for (const child of children.slice(0, closeIndex).reverse()) {
    if (child.type === 'link_close') depth++;
    else if (child.type === 'link_open') {
      if (depth === 0) break;
      depth--;
    } else text = child.content + text;
  }
  return text;
}

function plainInline(children: readonly Token[]): string {
  return children.map((c) => (c.type === 'softbreak' || c.type === 'hardbreak' ? ' ' : c.content)).join('');
}
