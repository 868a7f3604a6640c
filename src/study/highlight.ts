// Shell syntax colouring for the commands shown before a step: the command
// word, options, quoted strings, variables, operators and comments. A light
// lexer, not a parser: it only has to look right, never to run anything.
// Heredoc bodies are left as they are. Pure.

export type ShellPart = 'command' | 'option' | 'string' | 'variable' | 'operator' | 'comment' | 'text';

export interface ShellPalette {
  paint(text: string, part: ShellPart): string;
}

const OPERATORS = ['&&', '||', ';;', '|&', '>>', '<<<', '<&', '>&', '&>', '|', ';', '&', '>', '<', '(', ')'];
/** After these, the next word is a command. */
const COMMAND_STARTERS = new Set(['&&', '||', '|', '|&', ';', '&', '(', ';;']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'in', 'function', '{', '}', '!', 'time', 'sudo', 'exec', 'nohup']);

/** Colour the lines of a step body; `heredoc` state carries across lines. */
export function highlightShell(lines: readonly string[], palette: ShellPalette): string[] {
  const out: string[] = [];
  let heredocs: string[] = [];
  let continued = false;
  for (const line of lines) {
    if (heredocs.length > 0) {
      out.push(palette.paint(line, 'string'));
      if (line.replace(/^\t+/, '') === heredocs[0]) heredocs = heredocs.slice(1);
      continue;
    }
    const result = highlightLine(line, palette, continued);
    out.push(result.text);
    heredocs = result.heredocs;
    continued = result.continued;
  }
  return out;
}

interface LineResult {
  text: string;
  heredocs: string[];
  /** The line ends with `\`: the next line continues the same command. */
  continued: boolean;
}

function highlightLine(line: string, palette: ShellPalette, continued: boolean): LineResult {
  let out = '';
  let i = 0;
  let expectCommand = !continued;
  const heredocs: string[] = [];
  let pendingHeredoc = false;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === ' ' || c === '\t') {
      const start = i;
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      out += line.slice(start, i);
      continue;
    }
    if (c === '#') {
      out += palette.paint(line.slice(i), 'comment');
      break;
    }
    if (line.startsWith('<<', i) && !line.startsWith('<<<', i)) {
      const marker = line[i + 2] === '-' ? '<<-' : '<<';
      out += palette.paint(marker, 'operator');
      i += marker.length;
      pendingHeredoc = true;
      continue;
    }
    const op = OPERATORS.find((o) => line.startsWith(o, i));
    if (op) {
      out += palette.paint(op, 'operator');
      i += op.length;
      if (COMMAND_STARTERS.has(op)) expectCommand = true;
      continue;
    }
    // A word: up to white space or an operator, quotes kept whole.
    const { end, text } = readWord(line, i);
    i = end;
    if (pendingHeredoc) {
      heredocs.push(text.replace(/^['"]|['"]$/g, '').replace(/\\/g, ''));
      pendingHeredoc = false;
      out += palette.paint(text, 'string');
      continue;
    }
    if (text === '\\' && i >= line.length) {
      out += text;
      return { text: out, heredocs, continued: true };
    }
    if (expectCommand && /^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) {
      out += paintWord(text, palette, 'text'); // assignment before the command
      continue;
    }
    if (expectCommand) {
      out += paintWord(text, palette, 'command');
      if (!KEYWORDS.has(text)) expectCommand = false;
      continue;
    }
    out += paintWord(text, palette, text.startsWith('-') ? 'option' : 'text');
  }
  return { text: out, heredocs, continued: line.endsWith('\\') };
}

function readWord(line: string, start: number): { end: number; text: string } {
  let i = start;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === ' ' || c === '\t') break;
    if (OPERATORS.some((o) => line.startsWith(o, i))) break;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      i = close === -1 ? line.length : close + 1;
      continue;
    }
    i++;
  }
  return { end: Math.max(i, start + 1), text: line.slice(start, Math.max(i, start + 1)) };
}

/** A word with its quoted parts and `$VARIABLES` coloured apart. */
function paintWord(word: string, palette: ShellPalette, part: ShellPart): string {
  const pieces = word.split(/('[^']*'?|"(?:[^"\\]|\\.)*"?|\$\{[^}]*\}?|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9?!#@*$-])/);
  return pieces
    .map((piece) => {
      if (piece === '') return '';
      if (piece.startsWith("'") || piece.startsWith('"')) return palette.paint(piece, 'string');
      if (piece.startsWith('$')) return palette.paint(piece, 'variable');
      return palette.paint(piece, part);
    })
    .join('');
}

const SGR: Record<ShellPart, string> = {
  command: '1',
  option: '36',
  string: '32',
  variable: '33',
  operator: '35',
  comment: '2',
  text: '',
};

export function ansiShellPalette(enabled: boolean): ShellPalette {
  return {
    paint: (text, part) => (enabled && SGR[part] !== '' && text !== '' ? `\x1b[${SGR[part]}m${text}\x1b[0m` : text),
  };
}

const OPENERS = new Set(['do', 'then', '{', 'case']);
const CLOSERS = new Set(['done', 'fi', '}', 'esac']);

/**
 * The prompt bash would show before each line: `$` where a new command
 * starts, `>` where the line continues one (after `\`, inside a heredoc, a
 * loop, an `if` or a `{ }` block). A heuristic for display only.
 */
export function linePrompts(lines: readonly string[]): Array<'$' | '>'> {
  const prompts: Array<'$' | '>'> = [];
  let depth = 0;
  let continued = false;
  let heredocs: string[] = [];
  for (const line of lines) {
    if (heredocs.length > 0) {
      prompts.push('>');
      if (line.replace(/^\t+/, '') === heredocs[0]) heredocs = heredocs.slice(1);
      continue;
    }
    prompts.push(depth > 0 || continued ? '>' : '$');
    const code = line.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '""').replace(/(^|\s)#.*$/, '');
    for (const [, , word = ''] of line.matchAll(/(?<!<)<<(?!<)-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) heredocs.push(word);
    for (const word of code.split(/[\s;&|()]+/)) {
      if (OPENERS.has(word)) depth++;
      else if (CLOSERS.has(word)) depth = Math.max(0, depth - 1);
    }
    continued = /\\$/.test(line) || /(\|\||&&|\|)\s*$/.test(code);
  }
  return prompts;
}
