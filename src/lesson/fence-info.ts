// The info string of a code fence: its language and the `{...}` attribute
// list after it, split into attributes without judging their meaning.

export type FenceAttribute =
  | { kind: 'name'; value: string }
  | { kind: 'flag'; key: string }
  | { kind: 'pair'; key: string; value: string };

export interface FenceInfo {
  /** First word of the info string, lowercased ('' when there is none). */
  language: string;
  attributes: FenceAttribute[];
  /** What is wrong with the syntax of the attribute list. */
  problems: string[];
}

const LANGUAGE = /^[^\s{]*/;
const SPACE = /\s/;

/** Splits `sh {#name key=value flag}`; never throws. */
export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const language = (LANGUAGE.exec(trimmed)?.[0] ?? '').toLowerCase();
  const rest = trimmed.slice(language.length).trim();
  if (rest === '') return { language, attributes: [], problems: [] };
  if (!rest.startsWith('{')) {
    return { language, attributes: [], problems: [`text after the language must be inside braces: "${rest}"`] };
  }
  return { language, ...parseAttributeList(rest) };
}

interface Scan {
  text: string;
  at: number;
}

/** `text` starts with `{`: reads attributes up to the matching `}`. */
function parseAttributeList(text: string): { attributes: FenceAttribute[]; problems: string[] } {
  const scan: Scan = { text, at: 1 };
  const attributes: FenceAttribute[] = [];
  for (;;) {
    skipSpace(scan);
    const char = scan.text[scan.at];
    if (char === undefined) return { attributes, problems: ['unbalanced braces in the attribute list: missing "}"'] };
    if (char === '}') break;
    if (char === '{') return { attributes, problems: ['unbalanced braces in the attribute list: unexpected "{"'] };
    const read = readAttribute(scan);
    if (typeof read === 'string') return { attributes, problems: [read] };
    attributes.push(read);
  }
  const after = scan.text.slice(scan.at + 1).trim();
  const problems = after === '' ? [] : [`text after the attribute list's closing brace: "${after}"`];
  return { attributes, problems };
}

/** One attribute at `scan.at`, or a problem description. */
function readAttribute(scan: Scan): FenceAttribute | string {
  if (scan.text[scan.at] === '#') {
    scan.at += 1;
    return { kind: 'name', value: readBare(scan) };
  }
  const key = readKey(scan);
  if (key === '') return `unexpected ${JSON.stringify(scan.text[scan.at])} in the attribute list`;
  if (scan.text[scan.at] !== '=') return { kind: 'flag', key };
  scan.at += 1;
  const value = readValue(scan, key);
  if (typeof value !== 'string') return value.problem;
  return { kind: 'pair', key, value };
}

function readValue(scan: Scan, key: string): string | { problem: string } {
  const quote = scan.text[scan.at];
  if (quote !== '"' && quote !== "'") {
    const bare = readBare(scan);
    const stray = /["']/.exec(bare);
    return stray ? { problem: `stray quote in the value of \`${key}\`` } : bare;
  }
  const value = quote === '"' ? readDoubleQuoted(scan) : readSingleQuoted(scan);
  if (value === undefined) return { problem: `unclosed quote in the value of \`${key}\`` };
  const next = scan.text[scan.at];
  if (next !== undefined && next !== '}' && !SPACE.test(next)) {
    return { problem: `text right after the closing quote of \`${key}\`` };
  }
  return value;
}

/** Characters up to whitespace or a brace. */
function readBare(scan: Scan): string {
  const start = scan.at;
  while (scan.at < scan.text.length && !isBareEnd(scan.text[scan.at] ?? '')) scan.at += 1;
  return scan.text.slice(start, scan.at);
}

function isBareEnd(char: string): boolean {
  return char === '{' || char === '}' || SPACE.test(char);
}

function readKey(scan: Scan): string {
  const start = scan.at;
  while (scan.at < scan.text.length && /[^\s{}="']/.test(scan.text[scan.at] ?? '')) scan.at += 1;
  return scan.text.slice(start, scan.at);
}

/** `"..."` where only `\"` and `\\` are escapes; other backslashes stay (regexes). */
function readDoubleQuoted(scan: Scan): string | undefined {
  let value = '';
  for (let at = scan.at + 1; at < scan.text.length; at += 1) {
    const char = scan.text[at];
    const next = scan.text[at + 1];
    if (char === '"') {
      scan.at = at + 1;
      return value;
    }
    if (char === '\\' && (next === '"' || next === '\\')) {
      value += next;
      at += 1;
    } else {
      value += char;
    }
  }
  return undefined;
}

/** `'...'` taken literally, without escapes. */
function readSingleQuoted(scan: Scan): string | undefined {
  const end = scan.text.indexOf("'", scan.at + 1);
  if (end < 0) return undefined;
  const value = scan.text.slice(scan.at + 1, end);
  scan.at = end + 1;
  return value;
}

function skipSpace(scan: Scan): void {
  while (SPACE.test(scan.text[scan.at] ?? '')) scan.at += 1;
}
