import type { Request, Response, Server } from 'restify';
import type { GlossaryEntry } from '../content/types';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The glossary as one page, so answers can link each term where a parent first meets it. */
export function renderGlossaryPage(entries: GlossaryEntry[]): string {
  const items = [...entries]
    .sort((a, b) => a.term.localeCompare(b.term))
    .map((e) => `<dt id="${escapeHtml(e.id)}">${escapeHtml(e.term)}</dt><dd>${escapeHtml(e.meaning)}</dd>`)
    .join('\n');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SEND words explained</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:760px;margin:0 auto;padding:16px;line-height:1.5}dt{font-weight:bold;margin-top:14px}dt:target{background:#fff3bf}</style></head>
<body><h1>SEND words explained</h1><dl>${items}</dl></body></html>`;
}

export function mountGlossaryPage(server: Server, entries: () => GlossaryEntry[]): void {
  server.get('/glossary', (_req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.writeHead(200);
    res.end(renderGlossaryPage(entries()));
    next();
  });
}
