// Where a line may break inside text written without spaces: between CJK
// characters, and between a CJK character and a Latin one; never before
// closing punctuation (，。、；：？！）」』 ...) nor after opening punctuation
// (（「『 ...), the common form of the Chinese and Japanese line-breaking rules
// (kinsoku). Pure.

/** Characters that must not begin a line. */
const NO_START = new Set([...'，。、；：？！）」』】》〉〕｝］〗〙〛…‥·・ー～％‰’”〞,.;:?!)]}%']);
/** Characters that must not end a line. */
const NO_END = new Set([...'（「『【《〈〔｛［〖〘〚‘“〝([{']);

/** Ideographs, kana, hangul, CJK and fullwidth punctuation. */
export function isCjk(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** May a line break between these two adjacent characters? */
export function breakAllowed(before: string, after: string): boolean {
  if (NO_START.has(after) || NO_END.has(before)) return false;
  if (before === '—' && after === '—') return false;
  return isCjk(before) || isCjk(after);
}

/**
 * Cut `text` (no white space in it) where a line may break. `previous` is the
 * character just before it on the same word ('' if none); the first chunk
 * says whether a break is allowed between the two.
 */
export function splitAtBreaks(previous: string, text: string): { text: string; breakBefore: boolean }[] {
  const chunks: { text: string; breakBefore: boolean }[] = [];
  let current = '';
  let breakBefore = false;
  let before = previous;
  for (const char of text) {
    if (before !== '' && breakAllowed(before, char)) {
      if (current !== '') chunks.push({ text: current, breakBefore });
      current = '';
      breakBefore = true;
    }
    current += char;
    before = char;
  }
  if (current !== '') chunks.push({ text: current, breakBefore });
  return chunks;
}
