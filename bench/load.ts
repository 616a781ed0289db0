import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
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
/** Mean time between two messages of one conversation in the paced phase (far faster than a parent types). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 500);

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
  paced?: { rate: number; p50: number; p99: number; errors: number };
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rssStart: number;
  rssEnd: number;
  rssMax: number;
}

/** Closed-loop conversations with think time, over keep-alive connections; latency per turn in ms. */
async function pacedRun(port: number, body: (i: number) => string, seconds: number): Promise<{ turns: number; p50: number; p99: number; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const send = (payload: string) =>
    new Promise<number>((resolve) => {
      const started = process.hrtime.bigint();
      const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        if (res.statusCode !== 200) errors++;
        res.resume();
        res.on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
      });
      req.on('error', () => {
        errors++;
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
      req.end(payload);
    });
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      while (Date.now() < end) {
        await new Promise((r) => setTimeout(r, Math.random() * 2 * PACE_MS));
        latencies.push(await send(body(n++ * CONNECTIONS + c)));
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 10) / 10;
  return { turns: latencies.length, p50: q(0.5), p99: q(0.99), errors };
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
  // Then the same conversations at a parent's pace: each waits a random 0..2*PACE_MS between
  // messages. Latency here is what a parent waits for a reply while 50 conversations go on.
  // (autocannon's overallRate sends in bursts, which measures its pacing rather than the bot.)
  const paced = await pacedRun(port, body, Math.max(5, Math.round(SECONDS / 2)));
  const rate = Math.round(paced.turns / Math.max(5, Math.round(SECONDS / 2)));
  return {
    name,
    paced: { rate, p50: paced.p50, p99: paced.p99, errors: paced.errors },
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
    process.stdout.write(`\nPaced: ${CONNECTIONS} conversations, one message every ${PACE_MS} ms each (${rows[0].paced?.rate} turns/s in all)\n`);
    process.stdout.write(`${'bot'.padEnd(24)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}\n`);
    for (const r of rows) process.stdout.write(`${r.name.padEnd(24)}${pad(r.paced?.p50 ?? '-', 8)}${pad(r.paced?.p99 ?? '-', 8)}${pad(r.paced?.errors ?? '-', 8)}\n`);
    const [a, b] = rows;
    process.stdout.write(
      `\nours / echo saturated throughput: ${(a.turnsPerSecond / Math.max(1, b.turnsPerSecond)).toFixed(2)} (target >= 0.5); our paced p99 ${a.paced?.p99} ms (target < 50 ms); errors ${a.errors + (a.paced?.errors ?? 0)} (target 0); RSS ${a.rssStart} -> ${a.rssEnd} MB\n`,
    );
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
