// The snapshot file format: one text file per lesson, read by reviewers in
// pull requests. This file owns parsing and printing; it does no I/O.
//
//   # learn snapshot v1
//
//   === make-bridge
//   br01             DOWN           [MAC] <BROADCAST,MULTICAST>
//
//   === ping
//   64 bytes from 10.1.0.2: icmp_seq=1 ttl=64 time=[LATENCY]
//
// - Line 1 is exactly `# learn snapshot v1`.
// - Each entry is a blank separator line, a header line `=== <step name>`,
//   then the body, one line per line of output. Entries follow the lesson.
// - A body line that starts with `===` or with `\` is written with one more
//   `\` in front; the parser removes it. No other escaping here: tabs,
//   trailing spaces and unicode are written as they are. A body is a pattern
//   (wildcard.ts escapes literal `...` and `[..]` before it gets here).
// - The separator blank line before a header belongs to no body, so bodies
//   may end with blank lines and still round-trip exactly. The last body
//   runs to the end of the file. An empty body has no lines.
// - The file ends with a newline (a missing final newline is tolerated).
// - Strict: a wrong first line, text before the first entry, a missing
//   separator, an unescaped `===` line, a stray `\`, an empty or duplicate
//   step name, or CRLF line endings are errors with a line number.

export interface SnapshotEntry {
  /** The step name (its key). */
  name: string;
  /** The step's normalized output, lines joined with `\n`; '' for no lines. */
  body: string;
}

export interface SnapshotFile {
  entries: SnapshotEntry[];
}

export interface SnapshotFormatError {
  path: string;
  /** 1-based line of the file. */
  line: number;
  message: string;
}

export type ParseSnapshotResult =
  | { ok: true; file: SnapshotFile }
  | { ok: false; error: SnapshotFormatError };

export const SNAPSHOT_HEADER = '# learn snapshot v1';
const ENTRY_PREFIX = '=== ';
const VERSION_LINE = /^# learn snapshot v(\S+)$/;

/** True when `name` can be written as an entry header. */
export function isValidEntryName(name: string): boolean {
  return name.length > 0 && name.trim() === name && !/[\r\n]/.test(name);
}

export function serializeSnapshotFile(file: SnapshotFile): string {
  const out: string[] = [SNAPSHOT_HEADER];
  const seen = new Set<string>();
  for (const { name, body } of file.entries) {
    if (!isValidEntryName(name)) throw new Error(`invalid snapshot entry name ${JSON.stringify(name)}`);
    if (seen.has(name)) throw new Error(`duplicate snapshot entry ${JSON.stringify(name)}`);
    seen.add(name);
    out.push('', ENTRY_PREFIX + name);
    if (body !== '') out.push(...body.split('\n').map(escapeLine));
  }
  return out.join('\n') + '\n';
}

export function parseSnapshotFile(text: string, path: string): ParseSnapshotResult {
  const fail = (line: number, message: string): ParseSnapshotResult => ({ ok: false, error: { path, line, message } });
  const lines = splitLines(text);

  const first = lines[0] ?? '';
  if (first.endsWith('\r')) return fail(1, 'CRLF line endings; snapshot files use LF (add `*.snap -text` or `eol=lf` to .gitattributes)');
  if (first !== SNAPSHOT_HEADER) {
    const version = VERSION_LINE.exec(first);
    return fail(1, version ? `unsupported snapshot format version ${version[1]} (this learn reads v1)` : `expected the header line "${SNAPSHOT_HEADER}"`);
  }

  const entries: SnapshotEntry[] = [];
  const headerLines = new Map<string, number>();
  let current: { name: string; lines: string[] } | undefined;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNo = index + 1;
    if (line.startsWith('===')) {
      if (!line.startsWith(ENTRY_PREFIX)) return fail(lineNo, 'a line starting with "===" must be an entry header "=== <step name>" (escape it as "\\===" in a body)');
      const name = line.slice(ENTRY_PREFIX.length);
      if (!isValidEntryName(name)) return fail(lineNo, `invalid step name ${JSON.stringify(name)} (empty, or leading/trailing spaces)`);
      const previous = current ? current.lines : index === 2 ? [] : undefined;
      if (lines[index - 1] !== '' || previous === undefined) return fail(lineNo, 'expected a blank line before the entry header');
      if (current) entries.push({ name: current.name, body: previous.slice(0, -1).join('\n') });
      const earlier = headerLines.get(name);
      if (earlier !== undefined) return fail(lineNo, `duplicate entry "${name}" (first at line ${earlier})`);
      headerLines.set(name, lineNo);
      current = { name, lines: [] };
      continue;
    }
    if (!current) {
      if (index === 1 && line === '') continue;
      return fail(lineNo, `unexpected text before the first entry: ${JSON.stringify(line)}`);
    }
    const body = unescapeLine(line);
    if (body === undefined) return fail(lineNo, 'a "\\" at line start escapes only "===" or "\\"; write "\\\\" for a literal backslash');
    current.lines.push(body);
  }
  if (current) entries.push({ name: current.name, body: current.lines.join('\n') });
  else if (lines.length > 1) return fail(lines.length, 'blank line without an entry');
  return { ok: true, file: { entries } };
}

function needsEscape(line: string): boolean {
  return line.startsWith('===') || line.startsWith('\\');
}

function escapeLine(line: string): string {
  return needsEscape(line) ? '\\' + line : line;
}

/** The body line a file line stands for, or undefined for a stray `\`. */
function unescapeLine(line: string): string | undefined {
  if (!line.startsWith('\\')) return line;
  const body = line.slice(1);
  return needsEscape(body) ? body : undefined;
}

/** The file's lines; the final newline ends the last line instead of starting an empty one. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
