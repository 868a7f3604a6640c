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

export type OutlineBlock = { kind: 'prose'; tokens: Token[] } | { kind: 'step'; fence: StepFence };

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
  tokens.forEach((token, at) => {
    if (token.type === 'heading_open') addHeading(outline, token, tokens[at + 1]);
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
    outline.blocks.push({ kind: 'step', fence: currentFence(outline, token, language) });
  });
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
