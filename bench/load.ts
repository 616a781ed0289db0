import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// autocannon ships no types; the part we use is typed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

/**
 * `npm run bench:load`: drives the real HTTP endpoint of our bot and of an echo bot on the same
 * stack, one after the other in one run, with many concurrent conversations (expectReplies), and
 * prints turns per second, latency, errors and memory side by side.
 *
 * BENCH_SECONDS (default 20, the issue's 60 for a full run) and BENCH_CONNECTIONS (default 50).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const QUESTIONS = [
  'what does a SENCO do?',
  'how often should school meet with me',
  'my son is on sen support what does that mean',
  'how do i get an ehcp assessment',
  'what is the graduated approach',
  'who are liaise',
  'school isnt doing enough for my daughter',
  'what does SALT mean?',
  'can school stop him going on the trip because of his autism',
  'thanks',
];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function startProcess(entry: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  for (let i = 0; i < 200 && !ready.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ready.test(out)) throw new Error(`${entry} did not start:\n${out}`);
  return child;
}

interface Row {
  name: string;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rssStart: number;
  rssEnd: number;
  rssMax: number;
}

async function drive(name: string, port: number, pid: number): Promise<Row> {
  let n = 0;
  const body = (i: number) =>
    JSON.stringify({
      type: 'message',
      channelId: 'bench',
      serviceUrl: 'http://127.0.0.1:1/',
      deliveryMode: 'expectReplies',
      conversation: { id: `bench-${i % CONNECTIONS}` },
      from: { id: `parent-${i % CONNECTIONS}` },
      recipient: { id: 'bot' },
      text: QUESTIONS[i % QUESTIONS.length],
    });
  const samples: number[] = [rssMb(pid)];
  const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
  // Warm-up so JIT and caches settle before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}/api/messages`, connections: 10, duration: 2, method: 'POST', headers: { 'content-type': 'application/json' }, body: body(0) });
  const rssStart = rssMb(pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body(n++) }) }],
  });
  clearInterval(sampler);
  return {
    name,
    turnsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    rssStart,
    rssEnd: rssMb(pid),
    rssMax: Math.max(...samples),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const ourPort = await freePort();
  const echoPort = await freePort();
  const ours = await startProcess('dist/src/index.js', { PORT: String(ourPort), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000000', CONTENT_WATCH: 'false' }, /bot ready/);
  const echo = await startProcess('dist/bench/echoBot.js', { PORT: String(echoPort) }, /echo bot ready/);
  try {
    process.stdout.write(`bench:load: ${CONNECTIONS} concurrent conversations, ${SECONDS} s each, expectReplies, ${process.arch} ${require('node:os').cpus().length} cores\n\n`);
    const rows = [await drive('SEND guide bot', ourPort, ours.pid!), await drive('echo bot (same stack)', echoPort, echo.pid!)];
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    process.stdout.write(`${'bot'.padEnd(24)}${pad('turns/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('RSS start', 11)}${pad('RSS end', 9)}${pad('RSS max', 9)}\n`);
    for (const r of rows) process.stdout.write(`${r.name.padEnd(24)}${pad(r.turnsPerSecond, 9)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.errors, 8)}${pad(`${r.rssStart} MB`, 11)}${pad(`${r.rssEnd} MB`, 9)}${pad(`${r.rssMax} MB`, 9)}\n`);
    const [a, b] = rows;
    process.stdout.write(`\nours / echo throughput: ${(a.turnsPerSecond / Math.max(1, b.turnsPerSecond)).toFixed(2)} (target >= 0.5); our p99 ${a.p99} ms (target < 50 ms); errors ${a.errors} (target 0)\n`);
  } finally {
    ours.kill('SIGTERM');
    echo.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:load failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
