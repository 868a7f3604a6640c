// One step fence -> a step draft (everything but its index and name) and the
// problems of its info string and body.
import type { StepFence } from './document.js';
import { parseFenceInfo } from './fence-info.js';
import { fenceEndLine, startLine } from './markdown.js';
import { problem, type Problem } from './problem.js';
import { readStepAttributes } from './step-attributes.js';
import { readStepBody } from './step-body.js';
import { typedLineProblem } from './typed-line.js';
import type { Step } from './types.js';

export interface StepDraft extends Omit<Step, 'index' | 'name' | 'explicitName'> {
  /** `#name` when given. */
  explicitName?: string;
  /** Index into the lesson's headings; -1 before the first heading. */
  headingIndex: number;
}

export function draftStep(fence: StepFence, lessonTimeoutMs: number): { draft: StepDraft; problems: Problem[] } {
  const { token, language } = fence;
  const line = startLine(token);
  const info = parseFenceInfo(token.info);
  const { options, problems: attributeProblems } = readStepAttributes(info.attributes);
  const body = readStepBody(language, token.content, line + 1);
  const problems = [...info.problems, ...attributeProblems];
  if (body.interrupt && options.background) problems.push('an interrupt step (`^C`) cannot be `background`');
  if (options.check && language === 'console') problems.push('a check is a script: write it in an `sh` fence, not `console`');
  if (options.check && body.interrupt) problems.push('a check cannot be an interrupt step (`^C`)');
  const draft: StepDraft = {
    headingIndex: fence.headingIndex,
    language,
    line,
    endLine: fenceEndLine(token),
    section: fence.section,
    body: token.content,
    commands: body.commands,
    interrupt: body.interrupt,
    exit: options.exit ?? { kind: 'code', code: 0 },
    exitDeclared: options.exit !== undefined,
    timeoutMs: options.timeoutMs ?? lessonTimeoutMs,
    term: options.term,
    background: options.background,
    hidden: options.hidden,
    norun: options.norun,
    nosnapshot: options.nosnapshot,
  };
  if (options.name !== undefined) draft.explicitName = options.name;
  if (options.ready !== undefined) draft.ready = options.ready;
  if (options.check) draft.check = { ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}), hints: [], solutionSteps: [] };
  if (options.solution !== undefined) draft.solution = options.solution;
  // What is typed must reach bash unchanged (norun steps are never typed).
  const lineProblems = options.norun ? [] : body.commands.flatMap((command) => {
    const found = typedLineProblem(command.text);
    return found === undefined ? [] : [problem(command.line, found)];
  });
  return { draft, problems: [...problems.map((message) => problem(line, message)), ...lineProblems] };
}
