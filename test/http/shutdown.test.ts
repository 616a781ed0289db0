import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageActivity } from '../helpers/startApp';

const ENTRY = 'dist/src/index.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The built process, as `npm start` runs it (npm test builds first). */
describe('graceful shutdown of the real process', () => {
  it('on SIGTERM finishes the turn in flight, flushes, logs and exits 0', async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build (npm test does)`);
    const dataDir = mkdtempSync(join(tmpdir(), 'send-sigterm-'));
    const port = await freePort();
    const child = spawn(process.execPath, [ENTRY], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'info', CONTENT_WATCH: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 100 && !/bot ready/.test(out); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/bot ready/);
      const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(messageActivity('what is the graduated approach', { conversation: { id: 'sigterm' } })) });
      await new Promise((r) => setTimeout(r, 5));
      child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      const body = (await response.json()) as { activities: Array<{ text: string }> };
      expect(body.activities[0].text).toMatch(/assess/i);
      expect(await exited).toBe(0);
      expect(out).toMatch(/shutting down/);
      expect(out).toMatch(/"msg":"stopped"/);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
