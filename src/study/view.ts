// What study mode shows around the steps, as text: the header and commands
// before a step, the key hints, the verdict after it (from the runner's
// StepResult, the same verdict `learn test` gives), the one-line note of a
// hidden step, and the recap at the end. Pure: values in, lines out.
import type { Lesson, Step } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import { visibleDiff } from '../report/pretty.js';
import { formatMs } from '../text/format.js';
import type { Style } from '../report/style.js';
import { highlightShell, linePrompts, type ShellPalette } from './highlight.js';
import { displayWidth, padEnd, truncate } from '../text/width.js';
import { MIN_PROSE_WIDTH, wrapPlain } from './prose/index.js';

export interface ViewContext {
  style: Style;
  palette: ShellPalette;
  /** Columns of the learner's window. */
  width: number;
}

/** Rules and headers never grow past this, however wide the window. */
export const MAX_RULE_WIDTH = 100;

export function ruleWidth(ctx: ViewContext): number {
  return Math.max(MIN_PROSE_WIDTH, Math.min(ctx.width, MAX_RULE_WIDTH));
}

// ---- verdicts ------------------------------------------------------------

/** How a step went, in the learner's words. */
export type Verdict = 'expected' | 'unchecked' | 'differed' | 'failed' | 'timedOut' | 'interrupted' | 'skipped';

export interface VerdictInfo {
  /** The learner pressed Ctrl-C during this step. */
  interrupted?: boolean;
  /** The snapshot file has an entry for this step. */
  hasSnapshot: boolean;
  /** The learner used the `!` shell before this step. */
  shellUsed?: boolean;
  /** What the lesson recorded for this step, to show beside a failure. */
  expected?: string;
}

export function verdictOf(result: StepResult, info: VerdictInfo): Verdict {
  const outcome = result.outcome;
  switch (outcome.kind) {
    case 'passed':
      if (result.step.interrupt || result.step.check) return 'expected';
      if (result.step.nosnapshot || !info.hasSnapshot || outcome.snapshot === 'written') return 'unchecked';
      return 'expected';
    case 'differed':
      return info.interrupted ? 'interrupted' : 'differed';
    case 'failed':
    case 'timedOut':
      return info.interrupted ? 'interrupted' : outcome.kind;
    case 'skipped':
      return 'skipped';
  }
}

/** Bad verdicts stop and ask before the lesson goes on. */
export function isSetback(verdict: Verdict): boolean {
  return verdict === 'differed' || verdict === 'failed' || verdict === 'timedOut' || verdict === 'interrupted';
}

export function verdictMark(verdict: Verdict, style: Style): string {
  switch (verdict) {
    case 'expected':
      return style.green('✓');
    case 'unchecked':
      return style.cyan('•');
    case 'differed':
      return style.yellow('≠');
    case 'interrupted':
      return style.yellow('■');
    case 'timedOut':
      return style.red('⏱');
    case 'failed':
      return style.red('✗');
    case 'skipped':
      return style.dim('-');
  }
}

/** Lines under a step that ran (its output is already on screen). */
export function verdictLines(result: StepResult, lessonFile: string, info: VerdictInfo, ctx: ViewContext): string[] {
  const { style } = ctx;
  const verdict = verdictOf(result, info);
  const mark = verdictMark(verdict, style);
  const time = style.dim(`(${formatMs(result.durationMs)})`);
  const outcome = result.outcome;
  const where = 'line' in outcome ? `${lessonFile}:${outcome.line}` : `${lessonFile}:${result.step.line}`;
  switch (verdict) {
    case 'expected':
      if (result.step.interrupt) return [`${mark} ${style.green('sent Ctrl-C')} to terminal ${result.step.term} ${time}`];
      if (result.step.check) return [`${mark} ${style.green('task done')}: the check passes ${time}`];
      return [`${mark} ${style.green('as expected')} ${time}`];
    case 'unchecked': {
      const why = result.step.nosnapshot ? 'this step\'s output is not compared' : 'the lesson has no recorded output for this step';
      return [`${mark} done ${time} ${style.dim(`(${why})`)}`];
    }
    case 'skipped':
      return [`${mark} ${style.dim(`skipped: ${outcome.kind === 'skipped' ? outcome.reason : ''}`)}`];
    case 'interrupted':
      return [
        `${mark} ${style.yellow('interrupted')}: you pressed Ctrl-C ${time}`,
        ...explain('The lesson can go on, but later steps may count on what this one would have done.', ctx),
      ];
    case 'differed': {
      // Control characters of a snapshot must not reach the learner's terminal.
      const diff = outcome.kind === 'differed' ? visibleDiff(outcome.diff.trimEnd()) : '';
      return [
        `${mark} ${style.yellow("your output differs from the lesson's:")}`,
        ...diff.split('\n').map((line) => `  ${line}`),
        ...explain(
          'The commands worked, but printed something other than what the lesson recorded: lines with - are the lesson\'s, ' +
            'lines with + are yours, and [PLACEHOLDERS] such as [MAC] stand for values that change from run to run. ' +
            'Another kernel or tool version often explains small differences; the next steps may still work.' +
            (info.shellUsed ? ' You used the shell (!) before this step: what you changed there shows here too.' : ''),
          ctx,
        ),
      ];
    }
    case 'failed':
    case 'timedOut': {
      const message = 'message' in outcome ? outcome.message : '';
      const headline = verdict === 'timedOut' ? 'this step took too long' : 'this step failed';
      const expected = info.expected?.trimEnd();
      return [
        `${mark} ${style.red(headline)}: ${message} ${style.dim(`(${where})`)}`,
        ...(expected ? [style.dim('  the lesson expected to see:'), ...expected.split('\n').map((line) => `    ${style.dim(line)}`)] : []),
        ...explain('The output above shows what went wrong. Later steps may count on what this one should have done.', ctx),
      ];
    }
  }
}

function explain(text: string, ctx: ViewContext): string[] {
  return wrapPlain(text, ruleWidth(ctx) - 2).map((line) => `  ${ctx.style.dim(line)}`);
}

// ---- before a step ---------------------------------------------------------

export interface Position {
  /** 1-based number of the step among all the lesson's steps. */
  number: number;
  total: number;
}

/** `── step 3/12 · Create a bridge ─────────── make-bridge ──` */
export function stepHeader(step: Step, position: Position, ctx: ViewContext): string {
  const { style } = ctx;
  const width = ruleWidth(ctx);
  const tags = [step.term !== 'main' ? `terminal ${step.term}` : '', step.background ? 'background' : ''].filter(Boolean);
  const count = `step ${position.number}/${position.total}`;
  const label = `${step.name}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
  const right = ` ${truncate(label, Math.max(8, width - displayWidth(count) - 11))} ──`;
  const room = width - displayWidth(right) - displayWidth(count) - 9;
  const section = step.section && room > 4 ? ` · ${truncate(step.section, room)}` : '';
  const left = `── ${count}${section} `;
  const fill = Math.max(2, width - displayWidth(left) - displayWidth(right));
  return style.bold(left) + style.dim('─'.repeat(fill) + right);
}

/** The commands of a step, highlighted, each after the prompt bash would show. */
export function stepCommandLines(step: Step, ctx: ViewContext): string[] {
  const { style } = ctx;
  if (step.interrupt) return [`  ${style.dim('press')} ${style.bold('Ctrl-C')} ${style.dim(`in terminal ${step.term}`)}`];
  const texts = step.commands.map((c) => c.text);
  if (texts.length === 0) return [`  ${style.dim('(nothing to type)')}`];
  const prompts = step.language === 'console' ? texts.map(() => '$' as const) : linePrompts(texts);
  const painted = step.language === 'console' ? texts.map((t) => highlightShell([t], ctx.palette)[0]!) : highlightShell(texts, ctx.palette);
  return painted.map((line, i) => `  ${style.dim(prompts[i]!)} ${line}`);
}

export interface KeyHint {
  key: string;
  label: string;
}

export function keyLine(hints: readonly KeyHint[], ctx: ViewContext): string {
  const { style } = ctx;
  const parts = hints.map((h) => `${style.bold(h.key)} ${style.dim(h.label)}`);
  const full = `${style.cyan('▶')} ${parts.join(style.dim(' · '))}`;
  if (displayWidth(full) <= ctx.width - 1) return full;
  return `${style.cyan('▶')} ${hints.map((h) => style.bold(h.key)).join(' ')} ${style.dim('(? keys)')}`;
}

export function helpLines(ctx: ViewContext): string[] {
  const { style } = ctx;
  const rows: Array<[string, string]> = [
    ['Enter', 'run the step shown above'],
    ['y', 'type the step\'s commands yourself (learn run --type: always)'],
    ['s', 'skip it (later steps may count on it)'],
    ['r', 'after a step that failed or differed: run it again'],
    ['i', 'show the lesson\'s introduction (and its diagram) again'],
    ['!', 'open a shell in the lesson\'s sandbox; `exit` comes back here'],
    ['h', 'show the hidden preparation steps that just ran'],
    ['t', "draw the sandbox's network as it is now"],
    ['q', 'quit the lesson (the sandbox is removed)'],
    ['?', 'this help'],
    ['Ctrl-]', 'at a task\'s prompt: the task\'s keys (hint, solution, run it, skip)'],
    ['Ctrl-C', 'while a step runs: interrupt it; at a prompt: quit'],
  ];
  return [style.bold('keys'), ...rows.map(([key, text]) => `  ${padEnd(style.bold(key), 8)} ${text}`)];
}

// ---- hidden steps ------------------------------------------------------------

/** `◦ preparation: sysctl -qw ... ✓ (h shows it)` */
export function hiddenNote(result: StepResult, info: VerdictInfo, ctx: ViewContext): string {
  const { style } = ctx;
  const verdict = verdictOf(result, info);
  const commands = result.step.commands.map((c) => c.text.trim()).filter(Boolean);
  const text = commands.length > 1 ? `${commands[0]} …` : commands[0] ?? result.step.name;
  const tail = ` ${verdictMark(verdict, style)} ${style.dim('(h shows it)')}`;
  const room = ruleWidth(ctx) - displayWidth(tail) - 16;
  return `${style.dim('◦ preparation:')} ${style.dim(truncate(text, Math.max(10, room)))}${tail}`;
}

// ---- the end -----------------------------------------------------------------

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
}

export function recapCounts(recap: Recap): RecapCounts {
  const counts: RecapCounts = { ran: 0, expected: 0, unchecked: 0, differed: 0, failed: 0, interrupted: 0, skipped: 0, notReached: 0 };
  const seen = new Set<string>();
  for (const { result, verdict } of recap.results) {
    if (result.step.interrupt) continue;
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
  counts.notReached = recap.lesson.steps.filter((s) => !s.interrupt && !seen.has(s.name)).length;
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
    const before = index > 0 ? ` --after ${recap.lesson.steps[index - 1]!.name}` : ' --after 0';
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
