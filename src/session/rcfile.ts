// The bash start-up file of every lesson terminal. Ours, never the user's
// dotfiles, so nothing else can add prompts or markers.

/**
 * Close every inherited descriptor but stdin, stdout, stderr (and bash's own
 * 255): node-pty's children inherit the masters of other terminals
 * (microsoft/node-pty#657), which must not reach lesson commands.
 */
export const CLOSE_INHERITED_FDS = String.raw`for __learn_fd in /proc/self/fd/*; do
  case ${'$'}{__learn_fd##*/} in 0|1|2|255) ;; *) eval "exec ${'$'}{__learn_fd##*/}>&-" 2>/dev/null || : ;; esac
done
unset __learn_fd`;

/**
 * rc for lesson terminals (bash --noediting): plain `$ ` and `> ` prompts
 * wrapped in markers (see markers.ts). The nonce comes in LEARN_NONCE and is
 * kept in a shell variable only.
 */
export const LESSON_RC = String.raw`# learn: start-up file of a lesson terminal
${CLOSE_INHERITED_FDS}
__learn_nonce=$LEARN_NONCE
unset LEARN_NONCE
# A lesson line is typed, not expanded: "!" is just a character.
set +H
# ^C must not discard output the pty has not delivered yet (a capture's last
# lines, under load): the kernel flushes it unless noflsh.
stty noflsh 2>/dev/null
unset HISTFILE MAILCHECK PROMPT_DIRTRIM
__learn_prompt() {
  local status=$?
  printf '\e]133;D;%s;%s\a' "$status" "$__learn_nonce"
}
PROMPT_COMMAND=__learn_prompt
PS1='\e]133;A;'$__learn_nonce'\a$ \e]133;B;'$__learn_nonce'\a'
PS2='> \e]133;P;'$__learn_nonce'\a'
PS0='\e]133;C;'$__learn_nonce'\a'
cd "$HOME" 2>/dev/null
`;

/** rc for the learner's own interactive shell (`learn shell`, `!` in study mode). */
export function studyShellRc(lessonName: string): string {
  const label = lessonName.replace(/[^A-Za-z0-9._-]/g, '');
  return String.raw`# learn: start-up file of an interactive sandbox shell
${CLOSE_INHERITED_FDS}
unset HISTFILE
PS1='\[\e[1;36m\](learn:${label})\[\e[0m\] \w\$ '
cd "$HOME" 2>/dev/null
`;
}
