// The parse result reduced to plain JSON for golden fixtures: meta and steps
// without tokens, parts as one line each, errors as `file:line: message`.
import type Token from 'markdown-it/lib/token.mjs';
import { formatDiagnostic, type LessonPart, type ParseResult, type Step } from '../../src/lesson/types.js';

export function goldenJson(result: ParseResult): unknown {
  if (!result.ok) return { ok: false, errors: result.errors.map(formatDiagnostic) };
  const { meta, steps, parts } = result.lesson;
  return {
    ok: true,
    meta: {
      ...meta,
      normalize: meta.normalize.map((rule) => ({ pattern: String(rule.pattern), replace: rule.replace, line: rule.line })),
    },
    steps: steps.map(stepJson),
    parts: parts.map(partLine),
  };
}

function stepJson(step: Step): unknown {
  const { commands, ready, ...rest } = step;
  return {
    ...rest,
    ...(ready === undefined ? {} : { ready: String(ready) }),
    commands: commands.map((command) => `${command.line}: ${command.text}`),
  };
}

/** `step NAME`, or `prose FIRST-LAST` (the file lines its tokens cover). */
function partLine(part: LessonPart): string {
  if (part.kind === 'step') return `step ${part.step.name}`;
  const lines = proseLines(part.tokens);
  return lines ? `prose ${lines[0]}-${lines[1]}` : 'prose (closing tokens only)';
}

function proseLines(tokens: Token[]): [number, number] | undefined {
  const maps = tokens.flatMap((token) => (token.map ? [token.map] : []));
  if (maps.length === 0) return undefined;
  return [Math.min(...maps.map((map) => map[0] + 1)), Math.max(...maps.map((map) => map[1]))];
}
