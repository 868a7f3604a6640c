// Raw HTML blocks: comments dropped, tags removed, entities decoded, the
// text kept as a paragraph (a `<details>` summary stays readable).
import type { BlockHandler } from './block.js';
import type { Word } from './inline.js';
import { wrapWords } from './wrap.js';

export const htmlBlock: BlockHandler = (cursor, token, width) => {
  cursor.i++;
  const text = token.content.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const words: Word[] = text.split(' ').map((w) => [{ text: decodeEntities(w), marks: [] }]);
  return { lines: wrapWords(words, width, cursor.style), tight: false };
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
