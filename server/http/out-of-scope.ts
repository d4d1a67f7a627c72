// The page a share link's viewer gets for a page the link does not open: Berth's look, a sentence and a way back.
import type { ServerResponse } from 'node:http';
import type { Theme } from '../store/preferences';
import type { Scope } from '../store/principal';
import { scopePage } from './sign-in';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const LIGHT = '--bg:#ffffff;--panel:#f7f7f8;--line:#e4e4e7;--fg:#18181b;--muted:#71717a;--accent:#2563eb;--accent-fg:#ffffff';
const DARK = '--bg:#0f1012;--panel:#16171a;--line:#2a2b30;--fg:#e7e7ea;--muted:#9a9aa3;--accent:#5b8cff;--accent-fg:#0b0b0c';

/** 403 with a page of its own: no script, styles inline (its CSP allows nothing else). */
export function sendOutOfScope(res: ServerResponse, basePath: string, scope: Scope, theme: Theme = 'system'): void {
  const back = `${basePath}${scopePage(scope)}`;
  const what = scope.kind === 'project' ? `the containers of ${scope.target}` : `the logs of ${scope.target}`;
  const palette = theme === 'dark' ? `:root{${DARK}}` : theme === 'light' ? `:root{${LIGHT}}` : `:root{${LIGHT}}@media (prefers-color-scheme: dark){:root{${DARK}}}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not part of this share link · Berth</title>
<style>${palette}
html{color-scheme:${theme === 'system' ? 'light dark' : theme}}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:var(--bg);color:var(--fg);font:13px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:28rem;margin:1rem;padding:1.5rem;border:1px solid var(--line);border-radius:.5rem;background:var(--panel)}
h1{margin:0 0 .5rem;font-size:15px}p{margin:0 0 1rem;color:var(--muted)}
a{display:inline-block;padding:.35rem .75rem;border-radius:.375rem;background:var(--accent);color:var(--accent-fg);text-decoration:none;font-weight:500}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}</style></head>
<body><main><h1>Not part of this share link</h1>
<p>This share link opens only the page it was made for: ${escape(what)}.</p>
<a href="${escape(back)}">Back to ${escape(scope.target)}</a></main></body></html>
`;
  res.writeHead(403, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(html);
}
