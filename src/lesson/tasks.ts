// Tasks (extension): ties each check to its hints and solution steps, and
// says what is wrong with them. A task is a check step, the hints after it
// and the steps marked `solution=` its name.
import type { OutlineBlock } from './document.js';
import { problem, type Problem } from './problem.js';
import type { Step } from './types.js';

/** Fills each check's hints and solution steps in place; returns the problems. */
export function linkTasks(blocks: OutlineBlock[], steps: Step[]): Problem[] {
  const problems: Problem[] = [];
  const checks = new Map<string, Step>();
  let stepIndex = 0;
  let lastCheck: Step | undefined;
  for (const block of blocks) {
    if (block.kind === 'prose') continue;
    if (block.kind === 'hint') {
      if (lastCheck?.check) lastCheck.check.hints.push({ line: block.line, tokens: block.tokens });
      continue;
    }
    const step = steps[stepIndex++];
    if (!step) throw new Error('the outline has more steps than the parser made');
    if (step.check) {
      checks.set(step.name, step);
      lastCheck = step;
    }
    if (step.solution === undefined) continue;
    const check = checks.get(step.solution);
    if (check?.check) check.check.solutionSteps.push(step.index);
    else if (steps.some((s) => s.check && s.name === step.solution)) problems.push(problem(step.line, `solution of task "${step.solution}" comes before its check; put it after the check`));
    else problems.push(problem(step.line, `solution=${step.solution}: no check named "${step.solution}" in this lesson`));
  }
  for (const step of checks.values()) {
    // An unnamed check is already an error of its own.
    if (step.explicitName && step.check?.solutionSteps.length === 0) {
      problems.push(problem(step.line, `check "${step.name}" has no solution: mark the step that solves it with {solution=${step.name}}`));
    }
    for (const { offset, kind } of unstoppedCommands(step.body)) {
      problems.push(problem(step.line + 1 + offset, `check "${step.name}": ${UNSTOPPED[kind]}, as bash's errexit does not stop there; ` +
        'make it the last command, or give each condition a line of its own'));
    }
  }
  return problems;
}

const UNSTOPPED = {
  negation: 'a failing `! command` before the last command does not fail the check',
  list: 'an `a && b` or `a || b` list before the last command does not fail the check when its first part fails',
} as const;

/**
 * Commands of a check's body (by 0-based line) whose failure would go
 * unnoticed: a check runs under errexit, so every failing command fails it,
 * as in a step, but bash exempts a negated command and every part of an
 * `&&`/`||` list but the last. Either is fine as the check's last command.
 * Lines that continue a command (after `\\`, `&&`, `||`, `|`) belong to it;
 * a condition of `if`/`while`/`until` and a `[[ ]]` test are not lists.
 */
export function unstoppedCommands(body: string): { offset: number; kind: keyof typeof UNSTOPPED }[] {
  return commandsOf(body).slice(0, -1).flatMap(({ line, text }) => {
    const kind: keyof typeof UNSTOPPED | undefined = /^\s*!\s/.test(text) ? 'negation' : hasListOperator(text) ? 'list' : undefined;
    return kind ? [{ offset: line, kind }] : [];
  });
}

/** A script's commands with the line each starts on: comments and blank lines left out, continued lines joined. */
function commandsOf(body: string): { line: number; text: string }[] {
  const commands: { line: number; text: string }[] = [];
  let open: { line: number; text: string } | undefined;
  body.split('\n').forEach((text, line) => {
    if (text.trim() === '' || text.trim().startsWith('#')) return;
    if (open) open.text += `\n${text}`;
    else open = { line, text };
    if (!/(\\|&&|\|\||\|)\s*$/.test(text)) {
      commands.push(open);
      open = undefined;
    }
  });
  if (open) commands.push(open);
  return commands;
}

/** `&&` or `||` outside quotes, `[[ ]]`, `$( )` and the condition of if/while/until. */
function hasListOperator(command: string): boolean {
  if (/^\s*(if|elif|while|until)\b/.test(command)) return false;
  const plain = command
    .replace(/'[^']*'|"(\\.|[^"\\])*"/g, '""')
    .replace(/\[\[.*?\]\]/gs, '[[ ]]')
    .replace(/\$\((?:[^()]|\([^()]*\))*\)/g, '$()');
  return /&&|\|\|/.test(plain);
}

/** The check a solution step belongs to, and whether this step is that task's last solution step. */
export function taskOfSolution(steps: readonly Step[], step: Step): { check: Step; last: boolean } | undefined {
  if (step.solution === undefined) return undefined;
  const check = steps.find((s) => s.check && s.name === step.solution);
  if (!check?.check) return undefined;
  const solutions = check.check.solutionSteps;
  return { check, last: solutions[solutions.length - 1] === step.index };
}
