// A lesson as a web page: its Markdown rendered with the parser the runner
// uses (the Lesson's own tokens), each step a section with its commands, a
// Run and a "Run to here" button and room for its status, time and diff;
// hidden steps folded away; a task's check with its hints (one at a time),
// Check, and its solution folded until asked for; beside the article, the
// lesson's terminals and the sandbox's network.
// Pure: a Lesson in, HTML out. The page script (page/lesson.js) brings it to life.
import type Token from 'markdown-it/lib/token.mjs';
import { createMarkdown } from '../lesson/markdown.js';
import type { Lesson, Step, TaskCheck } from '../lesson/types.js';
import { highlightShell, linePrompts, type ShellPart } from '../study/highlight.js';
import { escapeHtml, pageHead, scriptJson } from './html.js';

/** What the page script needs to know of the lesson (the article holds the rest). */
export interface LessonPageData {
  slug: string;
  title: string;
  terminals: string[];
  steps: Array<{ name: string; term: string; hidden: boolean; background: boolean; norun: boolean; interrupt: boolean; check: boolean; solution?: string }>;
}

/** Terminal names in the order the lesson first uses them, `main` first. */
export function lessonTerminals(lesson: Lesson): string[] {
  return [...new Set(['main', ...lesson.steps.map((s) => s.term)])];
}

export function lessonPageData(lesson: Lesson, slug: string): LessonPageData {
  return {
    slug,
    title: lesson.meta.title,
    terminals: lessonTerminals(lesson),
    steps: lesson.steps.map((s) => ({
      name: s.name, term: s.term, hidden: s.hidden, background: s.background, norun: s.norun, interrupt: s.interrupt, check: s.check !== undefined,
      ...(s.solution !== undefined ? { solution: s.solution } : {}),
    })),
  };
}

const markdown = createMarkdown();
// Raw HTML in a lesson is shown as text: the page holds the key to a sandbox,
// so nothing in an article may run script in it.
markdown.renderer.rules.html_block = (tokens, idx) => `<pre class="raw-html">${escapeHtml(tokens[idx]?.content ?? '')}</pre>`;
markdown.renderer.rules.html_inline = (tokens, idx) => escapeHtml(tokens[idx]?.content ?? '');

function renderTokens(tokens: readonly Token[]): string {
  // Each run sits in its own element, so a list or quote that a step cuts in two is closed by the parser.
  return `<div class="prose">${markdown.renderer.render(tokens as Token[], markdown.options, {})}</div>`;
}

const htmlPalette = {
  paint: (text: string, part: ShellPart): string => (part === 'text' || text === '' ? escapeHtml(text) : `<span class="sh-${part}">${escapeHtml(text)}</span>`),
};

function commandsHtml(step: Step): string {
  const lines = step.body.replace(/\n$/, '').split('\n');
  if (step.language === 'console') return escapeHtml(lines.join('\n'));
  const prompts = linePrompts(lines);
  return highlightShell(lines, htmlPalette)
    .map((line, i) => `<span class="prompt">${prompts[i]}</span> ${line}`)
    .join('\n');
}

/** A task: its check's name and buttons, its hints hidden until asked for, its script folded away. */
function taskHtml(step: Step, check: TaskCheck, number: number): string {
  const hints = check.hints;
  const name = escapeHtml(step.name);
  return `<section class="step task" id="step-${name}" data-step="${name}" data-task="${name}" data-status="not-run">
<div class="step-head">
<span class="step-number">${number}</span>
<span class="step-flag task-flag">task</span>
<span class="step-name">${name}</span>
<span class="step-status" aria-live="polite">not done</span>
<span class="step-time"></span>
<span class="step-task" data-slot="task">${hints.length > 0 ? `<button type="button" class="hint" title="Show the next hint">Hint</button>` : ''}<button type="button" class="show-solution">Show solution</button><button type="button" class="solve" disabled title="Run the solution's steps in the sandbox, then the check">Run solution</button></span>
<span class="step-buttons"><button type="button" class="run check" disabled title="Run the task's check in the sandbox now">Check</button></span>
</div>
<p class="task-note">Do it in the terminal, then press Check.</p>
${hints.map((hint, i) => `<div class="hint-text" data-hint="${i + 1}" hidden><strong>Hint ${i + 1}/${hints.length}:</strong>${renderTokens(hint.tokens)}</div>`).join('\n')}
<details class="check-script"><summary>the check</summary><pre class="commands"><code>${escapeHtml(step.body.replace(/\n$/, ''))}</code></pre></details>
<div class="step-result" hidden><p class="step-message"></p><pre class="step-diff"></pre></div>
</section>`;
}

function stepHtml(step: Step, number: number): string {
  if (step.check) return taskHtml(step, step.check, number);
  const flags = [
    step.term !== 'main' ? `terminal ${step.term}` : '',
    step.background ? 'background' : '',
    step.interrupt ? 'interrupt' : '',
    step.norun ? 'shown, never run' : '',
  ].filter(Boolean);
  const section = `<section class="step" id="step-${escapeHtml(step.name)}" data-step="${escapeHtml(step.name)}" data-status="not-run">
<div class="step-head">
<span class="step-number">${number}</span>
<span class="step-name">${escapeHtml(step.name)}</span>
${flags.map((f) => `<span class="step-flag">${escapeHtml(f)}</span>`).join('')}
<span class="step-status" aria-live="polite">not run</span>
<span class="step-time"></span>
<span class="step-task" data-slot="task"></span>
<span class="step-buttons"><button type="button" class="run" disabled>Run</button><button type="button" class="run-to" disabled title="Run every step before this one that has not run yet, then this one">Run to here</button></span>
</div>
<pre class="commands"><code>${commandsHtml(step)}</code></pre>
<div class="step-result" hidden><p class="step-message"></p><pre class="step-diff"></pre></div>
</section>`;
  if (step.solution !== undefined) return `<div class="solution" data-solution="${escapeHtml(step.solution)}" hidden>\n${section}\n</div>`;
  if (!step.hidden) return section;
  return `<details class="hidden-step"><summary>hidden step <code>${escapeHtml(step.name)}</code>: set-up the lesson does not show</summary>\n${section}\n</details>`;
}

export function lessonPage(lesson: Lesson, slug: string): string {
  const parts = lesson.parts.map((part) => (part.kind === 'prose' ? renderTokens(part.tokens) : stepHtml(part.step, part.step.index + 1)));
  const data = lessonPageData(lesson, slug);
  return `${pageHead(`${lesson.meta.title} · learn`, ['lesson.js'])}
<body class="lesson-page">
<header class="bar">
<a class="home" href="/">learn</a>
<span class="lesson-title">${escapeHtml(lesson.meta.title)}</span>
<span id="connection" class="connection">connecting…</span>
<span class="bar-buttons"><button type="button" id="reset" disabled title="Throw the sandbox away and start the lesson again in a fresh one">Reset lesson</button></span>
</header>
<main class="layout">
<article id="article" class="article">
${lesson.meta.summary ? `<p class="summary">${escapeHtml(lesson.meta.summary)}</p>` : ''}
${parts.join('\n')}
</article>
<aside id="side" class="side">
<nav id="tabs" class="tabs" role="tablist"></nav>
<div id="terminals" class="terminals"></div>
<p class="side-note" id="side-note">Steps run in these terminals; you can type in them between steps.</p>
<div id="topology" class="topology" data-slot="topology" hidden>
<div class="topology-head"><span class="topology-title">The sandbox's network</span><span class="topology-state" id="topology-state"></span><button type="button" id="topology-refresh" title="Read the sandbox's network again (after what you typed)">Refresh</button></div>
<div class="topology-picture" id="topology-picture"></div>
</div>
</aside>
</main>
<script type="application/json" id="lesson-data">${scriptJson(data)}</script>
</body>
</html>
`;
}
