// The banner at the top of a study session: the lesson's title and summary,
// its file and steps, the promise that nothing on this machine changes,
// and the first key to know.
import type { Lesson } from '../../lesson/types.js';
import { displayWidth } from '../../text/width.js';
import { stepCountText, visibleSteps } from '../numbering.js';
import { wrapPlain } from '../prose/index.js';
import { ruleWidth, type ViewContext } from './layout.js';

/** `auto`: every step runs without waiting (--yes). */
export function bannerLines(lesson: Lesson, auto: boolean, ctx: ViewContext): string[] {
  const { style } = ctx;
  const width = ruleWidth(ctx);
  // Numbers as the learner sees them (numbering.ts): hidden steps apart.
  const visible = visibleSteps(lesson);
  const byHand = visible.filter((s) => !s.norun).length;
  const info = `${stepCountText(lesson)}${byHand !== visible.length ? `, ${byHand} to run by hand` : ''}`;
  const rule = style.dim('─'.repeat(width));
  const about = wrapPlain(
    `${lesson.file} · ${info}. Every step runs in a disposable sandbox; nothing on this machine changes. ` +
      (auto ? 'Running every step without waiting (--yes); Ctrl-C interrupts a step.' : 'Enter runs a step, ? lists the keys.'),
    width,
  );
  const title = `${lesson.meta.title}${lesson.meta.summary ? ` · ${lesson.meta.summary}` : ''}`;
  const titleLines = displayWidth(title) <= width
    ? [`${style.bold(lesson.meta.title)}${lesson.meta.summary ? style.dim(` · ${lesson.meta.summary}`) : ''}`]
    : [style.bold(lesson.meta.title), ...wrapPlain(lesson.meta.summary, width).map((l) => style.dim(l))];
  return [rule, ...titleLines, ...about.map((line) => style.dim(line)), rule, ''];
}
