// A lesson this machine cannot run, offered to read: its text and its steps'
// commands in order, with the reason it cannot run first. Pure.
import type { Lesson } from '../lesson/types.js';
import type { Style } from '../report/style.js';
import { ansiShellPalette } from './highlight.js';
import { ansiProseStyle, renderProse, wrapPlain } from './prose/index.js';
import { stepPosition } from './numbering.js';
import { stepCommandLines, stepHeader } from './view/index.js';

export function readOnlyText(lesson: Lesson, reason: string, style: Style, width: number): string {
  const ctx = { style, palette: ansiShellPalette(style.enabled), width };
  const proseStyle = ansiProseStyle(style.enabled);
  const out: string[] = [
    ...wrapPlain(`This machine cannot run ${lesson.file}: ${reason}.`, width).map((l) => style.yellow(l)),
    ...wrapPlain('Here is the lesson to read; its steps are shown, not run.', width).map((l) => style.dim(l)),
    '',
  ];
  for (const part of lesson.parts) {
    if (part.kind === 'prose') {
      const text = renderProse(part.tokens, { width: Math.min(width, 100), style: proseStyle });
      if (text.trim() !== '') out.push(text, '');
    } else if (!part.step.hidden) {
      out.push(stepHeader(part.step, stepPosition(lesson, part.step), ctx), ...stepCommandLines(part.step, ctx), '');
    }
  }
  return out.join('\n') + '\n';
}
