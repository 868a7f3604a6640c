// Splitting the optional YAML front matter (`---` ... `---` at the very top)
// from the markdown, keeping every markdown line on its file line.
import { problem, type Problem } from './problem.js';

export interface FrontMatterSplit {
  /** The YAML text and the file line of its first line, when there is front matter. */
  yaml?: { text: string; firstLine: number };
  /** The whole source with the front matter lines blanked out. */
  markdown: string;
  problems: Problem[];
}

const DELIMITER = /^---[ \t]*$/;

/** `source` uses `\n` line ends. */
export function splitFrontMatter(source: string): FrontMatterSplit {
  const lines = source.split('\n');
  if (!DELIMITER.test(lines[0] ?? '')) return { markdown: source, problems: [] };
  const closing = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line));
  if (closing < 0) {
    return { markdown: source, problems: [problem(1, 'front matter is not closed: no `---` line after it')] };
  }
  return {
    yaml: { text: lines.slice(1, closing).join('\n'), firstLine: 2 },
    markdown: lines.map((line, index) => (index <= closing ? '' : line)).join('\n'),
    problems: [],
  };
}
