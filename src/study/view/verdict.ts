// A step's verdict in the learner's words: decided from the runner's
// StepResult (the verdict `learn test` gives), its mark, and the lines
// shown under a step that ran. Pure: values in, lines out.
import type { StepResult } from '../../run/outcome.js';
import { visibleDiff } from '../../report/pretty.js';
import { formatMs } from '../../text/format.js';
import type { Style } from '../../report/style.js';
import { explain, type ViewContext } from './layout.js';

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

