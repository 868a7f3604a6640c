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
    const step = steps[stepIndex++]!;
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
    if (step.explicitName && step.check!.solutionSteps.length === 0) {
      problems.push(problem(step.line, `check "${step.name}" has no solution: mark the step that solves it with {solution=${step.name}}`));
    }
  }
  return problems;
}

/** The check a solution step belongs to, and whether this step is that task's last solution step. */
export function taskOfSolution(steps: readonly Step[], step: Step): { check: Step; last: boolean } | undefined {
  if (step.solution === undefined) return undefined;
  const check = steps.find((s) => s.check && s.name === step.solution);
  if (!check?.check) return undefined;
  const solutions = check.check.solutionSteps;
  return { check, last: solutions[solutions.length - 1] === step.index };
}
