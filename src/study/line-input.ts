// "Type it yourself": one line typed by the learner, read key by key in raw
// mode with the little editing a line needs (characters, Backspace, Ctrl-U),
// and how it compares with the lesson's command, said kindly.
import type { Step } from '../lesson/types.js';
import type { Style } from '../report/style.js';
import type { KeyInput } from './keys.js';

/** The line typed, or undefined when the learner pressed Escape, Ctrl-C or the input ended. */
export async function readLine(keys: KeyInput, write: (text: string) => void, prompt: string): Promise<string | undefined> {
  let line = '';
  write(prompt);
  for (;;) {
    // Keys typed ahead (a pasted line) are kept: they are the line.
    const key = await keys.next({ keepTyped: true });
    if (key === 'enter') {
      write('\r\n');
      return line;
    }
    if (key === 'escape' || key === 'ctrl-c' || key === 'eof' || key === 'ctrl-d') {
      write('\r\n');
      return undefined;
    }
    if (key === 'backspace') {
      if (line === '') continue;
      const chars = [...line];
      chars.pop();
      line = chars.join('');
      write('\b \b');
    } else if (key === 'ctrl-u') {
      write('\b \b'.repeat([...line].length));
      line = '';
    } else if (key === 'tab') {
      line += '\t';
      write(' ');
    } else if ([...key].length === 1 && key >= ' ') {
      line += key;
      write(key);
    }
  }
}

/** Spaces at the ends and runs of blanks do not count as a difference. */
export function sameCommand(typed: string, lesson: string): boolean {
  const squeeze = (text: string): string => text.trim().replace(/[ \t]+/g, ' ');
  return squeeze(typed) === squeeze(lesson);
}

/** Lines that show a typed command which differs from the lesson's, without calling it wrong. */
export function differenceLines(typed: string, lesson: string, style: Style): string[] {
  return [
    `  ${style.cyan('i')} ${style.dim('you typed      ')} ${typed}`,
    `    ${style.dim('the lesson has ')} ${lesson}`,
    `    ${style.dim('Running what you typed; its output is compared with the lesson\'s as usual.')}`,
  ];
}

/**
 * "Type it yourself": the learner types each command of the step (blank
 * lines are kept as they are); the step with their commands, or undefined
 * when they went back to the keys (Escape).
 */
export async function typeCommands(step: Step, keys: KeyInput, write: (text: string) => void, style: Style): Promise<Step | undefined> {
  const commands: Step['commands'] = [];
  write(`${style.dim('  Type the command yourself (Escape: back to the keys).')}\n`);
  for (const command of step.commands) {
    if (command.text.trim() === '') {
      commands.push(command);
      continue;
    }
    const line = await readLine(keys, write, `${style.cyan('you')} ${style.dim('$')} `);
    if (line === undefined) return undefined;
    if (!sameCommand(line, command.text)) write(differenceLines(line, command.text, style).join('\n') + '\n');
    commands.push({ line: command.line, text: line });
  }
  return { ...step, commands };
}
