// The outline of a parsed markdown document: prose runs and step fences in
// order, each fence with its section, plus the headings and the first title.
import type Token from 'markdown-it/lib/token.mjs';
import { parseFenceInfo } from './fence-info.js';
import { inlineText, isUnclosedFence, startLine } from './markdown.js';
import { problem, type Problem } from './problem.js';
import type { FenceLanguage } from './types.js';

export const STEP_LANGUAGES: readonly FenceLanguage[] = ['sh', 'bash', 'shell', 'console'];

export interface StepFence {
  token: Token;
  language: FenceLanguage;
  /** Text of the nearest heading above ('' before any heading). */
  section: string;
  /** Index into `headings`; -1 before the first heading. */
  headingIndex: number;
}

export type OutlineBlock =
  | { kind: 'prose'; tokens: Token[] }
  | { kind: 'step'; fence: StepFence }
  /** Extension: a `<details><summary>Hint</summary>` block, taken out of the prose. */
  | { kind: 'hint'; line: number; tokens: Token[] };

/**
 * `<details><summary>Hint</summary>` or `<details><summary>Solution</summary>`
 * alone in an HTML block; a Chinese edition writes 提示 and 答案. (`\b` is only
 * for the English words: there is no word boundary after a CJK character.)
 */
const DETAILS_OPEN = /^<details>\s*<summary>\s*(?:(hint|solution)\b|(提示|答案))[^<]*<\/summary>\s*$/i;
const HINT_WORDS = new Set(['hint', '提示']);
const DETAILS_CLOSE = /^<\/details>\s*$/i;

export interface Outline {
  blocks: OutlineBlock[];
  headings: string[];
  /** Text of the first level-1 heading, if any has text. */
  firstTitle?: string;
  problems: Problem[];
}

/** The step language of a fence's info string, if it is a step. */
export function stepLanguage(info: string): FenceLanguage | undefined {
  const { language } = parseFenceInfo(info);
  return STEP_LANGUAGES.find((candidate) => candidate === language);
}

export function outlineDocument(tokens: readonly Token[]): Outline {
  const outline: Outline = { blocks: [], headings: [], problems: [] };
  let prose: Token[] = [];
  /** Inside a hint: its tokens; inside a solution's `<details>`: 'solution'. */
  let details: { line: number; tokens: Token[] } | 'solution' | undefined;
  // Only after a check: a contract lesson (which has none) reads as it always did.
  let sawCheck = false;
  tokens.forEach((token, at) => {
    if (token.type === 'heading_open') addHeading(outline, token, tokens[at + 1]);
    const opens = token.type === 'html_block' ? DETAILS_OPEN.exec(token.content.trim()) : null;
    if (opens && details === undefined && sawCheck) {
      // One of the two groups always matched: the English word or the Chinese one.
      const word = opens[1] ?? opens[2] ?? '';
      details = HINT_WORDS.has(word.toLowerCase()) ? { line: startLine(token), tokens: [] } : 'solution';
      if (details !== 'solution') {
        if (prose.length > 0) outline.blocks.push({ kind: 'prose', tokens: prose });
        prose = [];
      }
      return;
    }
    if (token.type === 'html_block' && details !== undefined && DETAILS_CLOSE.test(token.content.trim())) {
      if (details !== 'solution') outline.blocks.push({ kind: 'hint', ...details });
      details = undefined;
      return;
    }
    if (details !== undefined && details !== 'solution') {
      if (token.type === 'fence' && stepLanguage(token.info) !== undefined) {
        outline.problems.push(problem(startLine(token), 'a hint cannot hold a step: show commands as `code` or in a `text` fence'));
      }
      details.tokens.push(token);
      return;
    }
    if (token.type === 'fence' && isUnclosedFence(token)) {
      outline.problems.push(problem(startLine(token), 'unclosed code fence: it runs to the end of its block'));
    }
    const language = token.type === 'fence' ? stepLanguage(token.info) : undefined;
    if (language === undefined) {
      prose.push(token);
      return;
    }
    if (prose.length > 0) outline.blocks.push({ kind: 'prose', tokens: prose });
    prose = [];
    sawCheck ||= parseFenceInfo(token.info).attributes.some((a) => a.kind === 'flag' && a.key === 'check');
    outline.blocks.push({ kind: 'step', fence: currentFence(outline, token, language) });
  });
  if (details !== undefined && details !== 'solution') {
    outline.problems.push(problem(details.line, 'hint is not closed: `</details>` on a line of its own (after a blank line) ends it'));
  }
  if (prose.length > 0) outline.blocks.push({ kind: 'prose', tokens: prose });
  return outline;
}

function addHeading(outline: Outline, open: Token, inline: Token | undefined): void {
  const text = inlineText(inline);
  outline.headings.push(text);
  if (open.tag === 'h1' && outline.firstTitle === undefined && text !== '') outline.firstTitle = text;
}

function currentFence(outline: Outline, token: Token, language: FenceLanguage): StepFence {
  const headingIndex = outline.headings.length - 1;
  return { token, language, section: outline.headings[headingIndex] ?? '', headingIndex };
}
