// The body of a step fence: which lines are typed (with their file lines),
// and whether the step is a `^C` interrupt.
import { bodyLines } from './markdown.js';
import type { CommandLine, FenceLanguage } from './types.js';

export interface StepBody {
  commands: CommandLine[];
  interrupt: boolean;
}

/** `content` is the fence body; `firstLine` is the file line of its first line. */
export function readStepBody(language: FenceLanguage, content: string, firstLine: number): StepBody {
  const lines = bodyLines(content).map((text, offset) => ({ line: firstLine + offset, text }));
  if (isInterrupt(language, lines)) return { commands: [], interrupt: true };
  const commands = language === 'console' ? consoleCommands(lines) : withoutTrailingBlanks(lines);
  return { commands, interrupt: false };
}

/** The whole body is one `^C` line (in `console` also `$ ^C`). */
function isInterrupt(language: FenceLanguage, lines: CommandLine[]): boolean {
  const written = lines.map((line) => line.text.trim()).filter((text) => text !== '');
  if (written.length !== 1) return false;
  return written[0] === '^C' || (language === 'console' && written[0] === '$ ^C');
}

/** `$ cmd` lines with the prompt stripped; a bare `$` is an empty command. */
function consoleCommands(lines: CommandLine[]): CommandLine[] {
  return lines
    .filter((line) => line.text === '$' || line.text.startsWith('$ '))
    .map((line) => ({ line: line.line, text: line.text.slice(2) }));
}

function withoutTrailingBlanks(lines: CommandLine[]): CommandLine[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]?.text.trim() === '') end -= 1;
  return lines.slice(0, end);
}
