// What a command line may hold so that bash receives exactly that line. Lines
// are typed into a terminal in canonical mode: its line discipline keeps at
// most 4095 bytes of a line (the 4096th is the newline) and drops the rest,
// and it acts on control characters instead of passing them on (^C
// interrupts, ^U erases the line so far, ^D ends input, ^W erases a word, ^V
// quotes the next key, ^R reprints, ^S stops all output, ^Z suspends, DEL
// erases a character); a NUL never reaches bash. A lesson that needs such
// bytes writes them as escapes (printf '\x15') or keeps the data in a file.

/** Longest line (UTF-8 bytes, newline excluded) a terminal passes on whole. */
export const MAX_TYPED_LINE_BYTES = 4095;

/** What the terminal does with the control characters it acts on (default termios). */
const EFFECTS: Record<number, string> = {
  0x00: 'bash never receives it',
  0x03: 'the terminal interrupts the command',
  0x04: 'the terminal ends the input, which exits the shell',
  0x11: 'the terminal resumes output',
  0x12: 'the terminal reprints the line',
  0x13: 'the terminal stops all output',
  0x15: 'the terminal erases the line typed so far',
  0x16: 'the terminal takes the next character literally',
  0x17: 'the terminal erases the word before it',
  0x1a: 'the terminal suspends the command',
  0x1c: 'the terminal quits the command',
  0x7f: 'the terminal erases the character before it',
};

/** Why `text` cannot be typed as it is, or undefined when it can. */
export function typedLineProblem(text: string): string | undefined {
  const control = /[\x00-\x08\x0a-\x1f\x7f\u0080-\u009f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0);
    const escape = code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    const name = code === 0x7f ? 'DEL' : code < 0x20 ? `^${String.fromCharCode(code + 0x40)}` : 'C1';
    const effect = EFFECTS[code] ?? (code < 0x80 ? `the terminal echoes it as ${name}` : 'an invisible control character');
    return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()} (${name}: ${effect}) at column ${control.index + 1}: `
      + `a command holds no control character but tab; write it as an escape (printf '${escape}') or keep the data in a file`;
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TYPED_LINE_BYTES) {
    return `command line is ${bytes} bytes long; a terminal line holds at most ${MAX_TYPED_LINE_BYTES} bytes and cuts the rest: `
      + 'split it (a `\\` continuation, a heredoc) or keep the data in a file in the lesson\'s folder ($LESSON_DIR)';
  }
  return undefined;
}
