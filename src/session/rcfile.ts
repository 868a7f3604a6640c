// The bash start-up file of every lesson terminal. Ours, never the user's
// dotfiles, so nothing else can add prompts or markers.

import { CLOSE_INHERITED_FDS } from '../sandbox/kind.js';

/**
 * rc for lesson terminals (bash --noediting): plain `$ ` and `> ` prompts
 * wrapped in markers (see markers.ts, protocol.ts). The nonce comes in
 * LEARN_NONCE and ends up only inside the prompt strings.
 *
 * Out of the lesson's reach as far as bash allows, without a process per
 * prompt: PS0, PS1, PS2 and PROMPT_COMMAND are readonly (assigning or
 * unsetting them fails with bash's own error); the status is bash's own `$?`,
 * expanded in PS1 (bash keeps `$?` across PROMPT_COMMAND), so no variable or
 * function of ours can be changed to fake it; the prompt strings use no
 * command (a function named `printf` cannot stand in). PROMPT_COMMAND only
 * puts the shell's stdin and stderr back on the terminal when a command sent
 * them elsewhere (the prompts would be lost) and flags that prompt (`E`), so
 * the step that did it is an error.
 */
export const LESSON_RC = String.raw`# learn: start-up file of a lesson terminal
${CLOSE_INHERITED_FDS}
__learn_tty=
# A lesson line is typed, not expanded: "!" is just a character.
set +H
# ^C must not discard output the pty has not delivered yet (a capture's last
# lines, under load): the kernel flushes it unless noflsh.
stty noflsh 2>/dev/null
shopt -s promptvars
unset HISTFILE MAILCHECK PROMPT_DIRTRIM
PROMPT_COMMAND='__learn_tty=; [[ -t 0 && -t 2 ]] || { exec 0</dev/tty 2>/dev/tty; __learn_tty="E;"; }'
PS1='\e]133;D;$?;\#;${'$'}{__learn_tty}'$LEARN_NONCE'\a\e]133;A;\#;'$LEARN_NONCE'\a$ \e]133;B;\#;'$LEARN_NONCE'\a'
PS2='> \e]133;P;\#;'$LEARN_NONCE'\a'
PS0='\e]133;C;\#;'$LEARN_NONCE'\a'
readonly PROMPT_COMMAND PS0 PS1 PS2
unset LEARN_NONCE
cd "$HOME" 2>/dev/null
`;

/** The rc file's name among the sandbox's files (so it is at /run/learn/bashrc inside). */
export const LESSON_RC_FILE = 'bashrc';

/**
 * rc for the learner's own interactive shell (`learn shell`, `!` in study
 * mode). NO_COLOR in its environment (learn's NO_COLOR, --no-color) keeps the
 * prompt plain: decided when the shell starts, since the file is written when
 * the sandbox is made.
 */
export function studyShellRc(lessonName: string): string {
  const label = lessonName.replace(/[^A-Za-z0-9._-]/g, '');
  return String.raw`# learn: start-up file of an interactive sandbox shell
${CLOSE_INHERITED_FDS}
unset HISTFILE
if [ -n "$NO_COLOR" ]; then PS1='(learn:${label}) \w\$ '; else PS1='\[\e[1;36m\](learn:${label})\[\e[0m\] \w\$ '; fi
cd "$HOME" 2>/dev/null
`;
}

/**
 * rc for the learner's prompt at a task: the study shell's, plus a hook that
 * prints a private mark at every prompt, so learn knows a command has ended
 * and runs the task's check (study/task-shell.ts takes the mark out).
 */
export const TASK_PROMPT_MARK = '\x1b]7701;learn-prompt\x07';

export function taskShellRc(lessonName: string): string {
  return `${studyShellRc(lessonName)}__learn_task_prompt() { printf '\\e]7701;learn-prompt\\a'; }\nPROMPT_COMMAND=__learn_task_prompt\n`;
}
