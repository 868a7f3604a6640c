// The lesson parser's entry: markdown source -> Lesson, or every problem found,
// each with its file line. Never throws on bad input.
import path from 'node:path';
import { outlineDocument, type OutlineBlock } from './document.js';
import { splitFrontMatter } from './front-matter.js';
import { createMarkdown } from './markdown.js';
import { defaultMetaFields, readFrontMatter } from './meta.js';
import { assignStepNames, duplicateNameProblems } from './names.js';
import type { Problem } from './problem.js';
import { draftStep, type StepDraft } from './step.js';
import { linkTasks } from './tasks.js';
import type { Lesson, LessonDiagnostic, LessonMeta, LessonPart, ParseResult, Step } from './types.js';

const markdown = createMarkdown();

/** `file` is only used in diagnostics and for the fallback title. */
export function parseLesson(source: string, file: string): ParseResult {
  const text = normalizeLineEnds(source);
  const split = splitFrontMatter(text);
  const front = split.yaml ? readFrontMatter(split.yaml) : { fields: defaultMetaFields(), problems: [] };
  const outline = outlineDocument(markdown.parse(split.markdown, {}));
  const drafted = outline.blocks.flatMap((block) =>
    block.kind === 'step' ? [draftStep(block.fence, front.fields.timeoutMs)] : [],
  );
  const steps = nameSteps(outline.headings, drafted.map((result) => result.draft));
  const taskProblems = linkTasks(outline.blocks, steps);
  const problems = [
    ...nulProblems(text),
    ...taskProblems,
    ...split.problems,
    ...front.problems,
    ...outline.problems,
    ...drafted.flatMap((result) => result.problems),
    ...duplicateNameProblems(steps),
  ];
  if (problems.length > 0) return { ok: false, errors: toDiagnostics(problems, file) };

  const { title, ...fields } = front.fields;
  const meta: LessonMeta = { title: title ?? outline.firstTitle ?? lessonFileName(file), ...fields };
  const lesson: Lesson = { file, name: lessonFileName(file), meta, steps, parts: lessonParts(outline.blocks, steps) };
  return { ok: true, lesson };
}

/** markdown-it turns NUL into U+FFFD: a command would not be what the file says. */
function nulProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  if (!text.includes('\0')) return problems;
  text.split('\n').forEach((line, index) => {
    if (line.includes('\0')) problems.push({ line: index + 1, message: 'NUL character: a lesson is text, and a terminal never passes NUL on; write it as an escape (printf \'\\0\')' });
  });
  return problems;
}

/** One line end (`\n`) and no byte-order mark, so line numbers match editors. */
function normalizeLineEnds(source: string): string {
  return source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function nameSteps(headings: string[], drafts: StepDraft[]): Step[] {
  const names = assignStepNames(headings, drafts);
  return drafts.map(({ explicitName, headingIndex, ...fields }, index) => ({
    index,
    name: names[index] ?? '',
    explicitName: explicitName !== undefined,
    ...fields,
  }));
}

/** The outline's blocks with each step fence replaced by its step. */
function lessonParts(blocks: OutlineBlock[], steps: Step[]): LessonPart[] {
  let stepIndex = 0;
  return blocks.flatMap((block): LessonPart[] => {
    if (block.kind === 'hint') return [];
    return [block.kind === 'prose' ? { kind: 'prose', tokens: block.tokens } : { kind: 'step', step: steps[stepIndex++] as Step }];
  });
}

/** A lesson's short name from its file: `lessons/bridge.md` -> `bridge`. */
export function lessonFileName(file: string): string {
  return path.basename(file, path.extname(file));
}

function toDiagnostics(problems: Problem[], file: string): LessonDiagnostic[] {
  return problems
    .map((found) => ({ file, line: found.line, message: found.message }))
    .sort((a, b) => a.line - b.line);
}
