// The curriculum page, as `learn list` shows it: every lesson in order with
// its title, summary, number of steps and whether this machine can run it.
// Progress (steps seen as expected in this browser) is filled in by the page
// script from the browser's own storage. Pure: a catalog in, HTML out.
import type { Catalog } from '../study/catalog.js';
import { escapeHtml, pageHead } from './html.js';

export function indexPage(catalog: Catalog, slugOf: (file: string) => string): string {
  const items = catalog.entries.map((entry) => {
    if (entry.kind === 'invalid') {
      return `<li class="lesson invalid"><span class="lesson-name">${escapeHtml(entry.file)}</span> <span class="bad">invalid lesson</span>
<ul class="problems">${entry.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></li>`;
    }
    const { lesson, runnable } = entry;
    const slug = slugOf(entry.file);
    const steps = `${lesson.steps.length} step${lesson.steps.length === 1 ? '' : 's'}`;
    const status = runnable.ok
      ? '<span class="good">✓ runs here</span>'
      : catalog.unchecked ? '<span class="unsure">? not checked</span>' : '<span class="bad">✗ cannot run here</span>';
    const reason = !runnable.ok && !catalog.unchecked ? `<p class="reason">${escapeHtml(runnable.reason)}</p>` : '';
    return `<li class="lesson" data-slug="${escapeHtml(slug)}" data-steps="${lesson.steps.length}">
<a class="lesson-name" href="/lesson/${encodeURIComponent(slug)}">${escapeHtml(lesson.meta.title)}</a>
<span class="lesson-file">${escapeHtml(slug)}</span> <span class="lesson-steps">${steps}</span> ${status} <span class="progress"></span>
${lesson.meta.summary ? `<p class="lesson-summary">${escapeHtml(lesson.meta.summary)}</p>` : ''}${reason}
</li>`;
  });
  const runnable = catalog.entries.filter((e) => e.kind === 'lesson' && e.runnable.ok).length;
  const count = `${catalog.entries.length} lesson${catalog.entries.length === 1 ? '' : 's'}${catalog.unchecked ? '' : `, ${runnable} can run here`}`;
  return `${pageHead('learn: lessons', ['index.js'])}
<body class="index-page">
<header class="bar"><a class="home" href="/">learn</a><span class="lesson-title">Lessons</span></header>
<main class="curriculum">
<p class="count">${escapeHtml(count)}. Every lesson runs in a disposable sandbox on this machine; nothing outside it changes.</p>
${catalog.unchecked ? `<p class="unsure">Requirements not checked: ${escapeHtml(catalog.unchecked)}</p>` : ''}
<ol class="lessons">
${items.join('\n')}
</ol>
</main>
</body>
</html>
`;
}
