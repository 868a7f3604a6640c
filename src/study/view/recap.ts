// The end of a lesson: counts by verdict, the steps not reached, and what
// to try next in `learn shell` (the lesson's own tools, the state before
// the first step that went wrong).
import type { Lesson } from '../../lesson/types.js';
import type { StepResult } from '../../run/outcome.js';
import { formatMs } from '../../text/format.js';
import { linePrompts } from '../highlight.js';
import { explain, type ViewContext } from './layout.js';
import { isSetback, type Verdict } from './verdict.js';

export interface Recap {
  lesson: Lesson;
  results: Array<{ result: StepResult; verdict: Verdict }>;
  durationMs: number;
  /** The learner quit before the end. */
  quit: boolean;
}

export interface RecapCounts {
  ran: number;
  expected: number;
  unchecked: number;
  differed: number;
  failed: number;
  interrupted: number;
  skipped: number;
  notReached: number;
  /** Hidden steps are not counted above (numbering.ts); these did not go as the lesson expects. */
  preparationFailed: number;
}

export function recapCounts(recap: Recap): RecapCounts {
  const counts: RecapCounts = { ran: 0, expected: 0, unchecked: 0, differed: 0, failed: 0, interrupted: 0, skipped: 0, notReached: 0, preparationFailed: 0 };
  const seen = new Set<string>();
  // Every step the learner sees counts, a ^C step too, as in the quit prompt (numbering.ts).
  for (const { result, verdict } of recap.results) {
    if (result.step.hidden) {
      if (isSetback(verdict)) counts.preparationFailed++;
      continue;
    }
    seen.add(result.step.name);
    if (verdict === 'skipped') {
      counts.skipped++;
      continue;
    }
    counts.ran++;
    if (verdict === 'expected') counts.expected++;
    else if (verdict === 'unchecked') counts.unchecked++;
    else if (verdict === 'differed') counts.differed++;
    else if (verdict === 'interrupted') counts.interrupted++;
    else counts.failed++;
  }
  counts.notReached = recap.lesson.steps.filter((s) => !s.hidden && !seen.has(s.name)).length;
  return counts;
}

export function recapLines(recap: Recap, ctx: ViewContext): string[] {
  const { style } = ctx;
  const c = recapCounts(recap);
  const parts = [
    style.green(`${c.expected} as expected`),
    c.differed > 0 ? style.yellow(`${c.differed} differed`) : `0 differed`,
    c.unchecked > 0 ? style.cyan(`${c.unchecked} not compared`) : '',
    c.failed > 0 ? style.red(`${c.failed} failed`) : '',
    c.interrupted > 0 ? style.yellow(`${c.interrupted} interrupted`) : '',
    `${c.skipped} skipped`,
    c.notReached > 0 ? `${c.notReached} not reached` : '',
    c.preparationFailed > 0 ? style.red(`${c.preparationFailed} preparation step${c.preparationFailed === 1 ? '' : 's'} failed`) : '',
  ].filter(Boolean);
  const title = recap.quit ? 'You left the lesson' : 'End of the lesson';
  const name = recap.lesson.name;
  const lines = [
    style.bold(`${title}: ${recap.lesson.meta.title}`),
    `  steps run: ${c.ran} ${style.dim(`(${formatMs(recap.durationMs)})`)}`,
    `  ${parts.join(style.dim(' · '))}`,
    '',
    `${style.bold('Keep exploring:')} ${style.cyan(`learn shell ${name}`)}`,
    ...explain(
      `opens a shell in a fresh sandbox, in the state ${recap.quit ? 'after all the steps' : 'this lesson ends in'} ` +
        `(add --after STEP for an earlier point). Nothing you do there touches this machine.`,
      ctx,
    ),
  ];
  const programs = programsUsed(recap.lesson);
  if (programs.length > 0) {
    lines.push(...explain(`Try the lesson's tools there with your own variations: ${programs.join(', ')}.`, ctx));
  }
  const firstDiffer = recap.results.find((r) => r.verdict === 'differed' || r.verdict === 'failed' || r.verdict === 'timedOut');
  if (firstDiffer) {
    const index = recap.lesson.steps.indexOf(firstDiffer.result.step);
    const previous = recap.lesson.steps[index - 1];
    const before = previous ? ` --after ${previous.name}` : ' --after 0';
    lines.push(
      ...explain(
        `To look closer at step ${firstDiffer.result.step.name}, \`learn shell ${name}${index > 0 ? before : ''}\` gives you the state just before it; type its commands yourself.`,
        ctx,
      ),
    );
  }
  return lines;
}

const COMMON = new Set([
  'echo', 'printf', 'cat', 'cd', 'ls', 'sleep', 'true', 'false', 'export', 'set', 'unset', 'read', 'wait', 'kill',
  'for', 'while', 'until', 'if', 'then', 'else', 'fi', 'do', 'done', 'case', 'esac', 'function', 'local', 'return',
  'exit', 'test', '[', '[[', 'grep', 'head', 'tail', 'sed', 'awk', 'sort', 'uniq', 'wc', 'cut', 'tr', 'tee', 'xargs',
  'rm', 'mkdir', 'touch', 'cp', 'mv', 'chmod', 'seq', 'timeout', 'env', 'exec', 'source', '.', 'trap', 'jobs', 'fg',
  'bg', 'python3', 'python', 'bash', 'sh', '{', '}', '(', ')', 'time', 'sudo', 'nohup', 'clear',
]);

/** Programs the visible steps start, in order of first use, common shell tools left out. */
export function programsUsed(lesson: Lesson): string[] {
  const found: string[] = [];
  for (const step of lesson.steps) {
    if (step.hidden || step.norun || step.interrupt) continue;
    const texts = step.commands.map((c) => c.text);
    const prompts = step.language === 'console' ? texts.map(() => '$') : linePrompts(texts);
    texts.forEach((text, i) => {
      if (prompts[i] !== '$') return;
      for (const segment of text.split(/&&|\|\||[|;&]/)) {
        const words = segment.trim().split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
        let program = words[0] ?? '';
        if (program === 'ip' && words[1] === 'netns' && words[2] === 'exec') program = words[4] ?? '';
        program = program.replace(/^.*\//, '');
        if (/^[a-z][a-z0-9._-]*$/i.test(program) && !COMMON.has(program) && !found.includes(program)) found.push(program);
      }
    });
  }
  return found.slice(0, 8);
}
