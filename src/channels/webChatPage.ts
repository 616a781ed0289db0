import { createReadStream, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';

/** Finds Web Chat's UMD bundle (sets window.WebChat) in node_modules, so the page needs no CDN. */
export function webChatBundlePath(): string {
  const libEntry = require.resolve('botframework-webchat');
  const bundle = join(dirname(libEntry), '..', 'dist', 'webchat.js');
  if (!existsSync(bundle)) throw new Error(`[webChatPage]: Web Chat bundle not found at ${bundle}`);
  return bundle;
}

const PAGE = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SEND support guide</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; background: #f3f2f1; color: #0b0c0c; }
  body { display: flex; flex-direction: column; }
  header { background: #1d4f76; color: #fff; padding: 12px 20px; }
  header h1 { margin: 0; font-size: 1.25rem; }
  header p { margin: 4px 0 0; font-size: 0.9rem; }
  main { flex: 1; display: flex; justify-content: center; min-height: 0; }
  #webchat { width: 100%; max-width: 760px; height: 100%; background: #fff; box-shadow: 0 0 8px rgba(0,0,0,0.1); }
  footer { font-size: 0.8rem; padding: 6px 20px; text-align: center; }
  .notice { padding: 16px; }
</style>
</head>
<body>
<header>
  <h1>SEND support guide</h1>
  <p>Information for parents about special educational needs support at school. If a child is in danger now, call 999.</p>
</header>
<main><div id="webchat" role="main"><p class="notice">Loading the chat…</p></div></main>
<footer>General information, not legal advice. Type "privacy" in the chat to see what is kept.</footer>
<script src="/webchat.js"></script>
<script>
(async function () {
  var key = 'send-guide-user';
  var userId = sessionStorage.getItem(key);
  if (!userId) { userId = 'dl_' + crypto.randomUUID(); sessionStorage.setItem(key, userId); }
  try {
    var r = await fetch('/v3/directline/tokens/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: userId } }) });
    if (!r.ok) throw new Error('token ' + r.status);
    var t = await r.json();
    var directLine = window.WebChat.createDirectLine({ token: t.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 300 });
    var styleOptions = { accent: '#1d4f76', bubbleBorderRadius: 8, bubbleFromUserBorderRadius: 8, bubbleFromUserBackground: '#e8f1f8', suggestedActionLayout: 'flow', hideUploadButton: true, sendBoxTextWrap: true, primaryFont: 'system-ui, -apple-system, "Segoe UI", Arial, sans-serif' };
    document.getElementById('webchat').innerHTML = '';
    window.WebChat.renderWebChat({ directLine: directLine, userID: t.userId || userId, locale: 'en-GB', styleOptions: styleOptions }, document.getElementById('webchat'));
    document.querySelector('#webchat input, #webchat textarea') && document.querySelector('#webchat input, #webchat textarea').focus();
  } catch (e) {
    document.getElementById('webchat').innerHTML = '<p class="notice">Sorry, the chat could not start. Please refresh the page.</p>';
  }
})();
</script>
</body>
</html>`;

/** Serves the local web chat page and the Web Chat bundle. Local mode only. */
export function mountWebChatPage(server: Server): void {
  const bundle = webChatBundlePath();
  server.get('/', (_req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.writeHead(200);
    res.end(PAGE);
    next();
  });
  server.get('/webchat.js', (_req: Request, res: Response, next: () => void) => {
    res.setHeader('Content-Type', 'application/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.writeHead(200);
    createReadStream(bundle).pipe(res);
    res.on('finish', () => next());
  });
}
