// Small HTML helpers shared by the pages: escaping, and JSON that is safe
// inside a <script type="application/json"> element.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON with `<` escaped, so no `</script>` can end the element early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function pageHead(title: string, scripts: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/vendor/xterm.css">
<link rel="stylesheet" href="/static/page.css">
${scripts.map((s) => `<script type="module" src="/static/${s}"></script>`).join('\n')}
</head>`;
}
