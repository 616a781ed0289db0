import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * `npm run bench:load`: drives the real HTTP endpoint of our bot and of an echo bot on the same
 * stack in one run, taking turns over BENCH_ROUNDS rounds, with many concurrent conversations (expectReplies), and
 * prints turns per second, CPU per turn, latency, errors and memory side by side.
 *
 * BENCH_SECONDS (default 20, the issue's 60 for a full run) and BENCH_CONNECTIONS (default 50).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** Flat-out rounds per bot, alternating (default 5). */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
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
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles both bots.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  for (let i = 0; i < 200 && !ready.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ready.test(out)) throw new Error(`${entry} did not start:\n${out}`);
  return child;
}

/** What one run of conversations measured: turns, latency per turn in ms, and failed turns. */
interface RunResult {
  turns: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

/**
 * `count` conversations, each sending its next message as soon as the reply to the last one arrives
 * (after a random 0..2*paceMs pause when paceMs > 0), over keep-alive connections, as a channel does:
 * one conversation's turns never overlap. A turn counts as failed when the status is not 200 or the
 * reply is one of the bot's apologies (they carry a reference code), so a bot cannot look fast by
 * failing quickly.
 */
async function runConversations(port: number, count: number, seconds: number, paceMs: number, firstId: number): Promise<RunResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  const latencies: number[] = [];
  let errors = 0;
  const send = (payload: string) =>
    new Promise<number>((resolve) => {
      const started = process.hrtime.bigint();
      const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          if (res.statusCode !== 200 || Buffer.concat(chunks).includes('(Reference: ')) errors++;
          resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      });
      req.on('error', () => {
        errors++;
        resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
      req.end(payload);
    });
  const started = Date.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: count }, async (_, c) => {
      for (let n = c; Date.now() < end; n++) {
        if (paceMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * paceMs));
        latencies.push(await send(activityBody(firstId + c, n)));
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  agent.destroy();
  return { turns: latencies.length, seconds: elapsed, latencies, errors };
}

/** Message n of conversation `conversation`, as a channel posts it with deliveryMode expectReplies. */
function activityBody(conversation: number, n: number): string {
  return JSON.stringify({
    type: 'message',
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:1/',
    deliveryMode: 'expectReplies',
    conversation: { id: `bench-${conversation}` },
    from: { id: `parent-${conversation}` },
    recipient: { id: 'bot' },
    text: QUESTIONS[n % QUESTIONS.length],
  });
}

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100); // clock ticks at USER_HZ = 100
}

interface Side {
  name: string;
  port: number;
  pid: number;
  turns: number;
  seconds: number;
  cpuMs: number;
  errors: number;
  latencies: number[];
  roundRates: number[];
  rss: number[];
}

function quantile(sorted: number[], p: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** One flat-out round for one bot, added to its totals. */
async function flatRound(side: Side, seconds: number): Promise<void> {
  const cpuStart = cpuMs(side.pid);
  const run = await runConversations(side.port, CONNECTIONS, seconds, 0, 0);
  side.cpuMs += cpuMs(side.pid) - cpuStart;
  side.turns += run.turns;
  side.seconds += run.seconds;
  side.errors += run.errors;
  side.latencies.push(...run.latencies);
  side.roundRates.push(run.turns / run.seconds);
  side.rss.push(rssMb(side.pid));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const ourPort = await freePort();
  const echoPort = await freePort();
  const ours = await startProcess('dist/src/index.js', { PORT: String(ourPort), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000000', CONTENT_WATCH: 'false' }, /bot ready/);
  const echo = await startProcess('dist/bench/echoBot.js', { PORT: String(echoPort) }, /echo bot ready/);
  const side = (name: string, port: number, pid: number): Side => ({ name, port, pid, turns: 0, seconds: 0, cpuMs: 0, errors: 0, latencies: [], roundRates: [], rss: [] });
  const sides = [side('SEND guide bot', ourPort, ours.pid!), side('echo bot (same stack)', echoPort, echo.pid!)];
  try {
    process.stdout.write(
      `bench:load: ${CONNECTIONS} concurrent conversations, expectReplies, ${SECONDS} s flat out per bot in ${ROUNDS} alternating rounds, ${process.arch} ${require('node:os').cpus().length} cores\n\n`,
    );
    // Warm-up so JIT and caches settle before measuring (its own conversations).
    for (const s of sides) await runConversations(s.port, 10, 2, 0, 10_000);
    const rssStart = sides.map((s) => rssMb(s.pid));
    const rssMax = sides.map((s) => rssMb(s.pid));
    const sampler = setInterval(() => sides.forEach((s, i) => (rssMax[i] = Math.max(rssMax[i] ?? 0, rssMb(s.pid)))), 500);
    // Rounds alternate between the bots, so a slow spell of a shared machine hits both alike; the
    // ratio is the median of the rounds' ratios.
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const s of sides) await flatRound(s, SECONDS / ROUNDS);
      ratios.push((sides[0]!.roundRates[round] ?? 0) / Math.max(1, sides[1]!.roundRates[round] ?? 0));
    }
    clearInterval(sampler);
    // Then the same number of conversations at a parent's pace: each waits a random 0..2*PACE_MS between
    // messages. Latency here is what a parent waits for a reply while the others go on.
    const pacedSeconds = Math.max(5, Math.round(SECONDS / 2));
    const paced: RunResult[] = [];
    for (const s of sides) paced.push(await runConversations(s.port, CONNECTIONS, pacedSeconds, PACE_MS, 20_000));

    const pad = (v: string | number, n: number) => String(v).padStart(n);
    process.stdout.write(`Flat out: ${CONNECTIONS} conversations, each sending its next message as soon as it has a reply\n`);
    process.stdout.write(`${'bot'.padEnd(24)}${pad('turns/s', 9)}${pad('rounds (turns/s)', 32)}${pad('CPU ms/turn', 13)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}${pad('RSS start', 11)}${pad('RSS end', 9)}${pad('RSS max', 9)}\n`);
    sides.forEach((s, i) => {
      const sorted = [...s.latencies].sort((x, y) => x - y);
      const rounds = s.roundRates.map((r) => Math.round(r)).join(' ');
      process.stdout.write(
        `${s.name.padEnd(24)}${pad(Math.round(median(s.roundRates)), 9)}${pad(rounds, 32)}${pad((s.cpuMs / Math.max(1, s.turns)).toFixed(3), 13)}${pad(quantile(sorted, 0.5), 8)}${pad(quantile(sorted, 0.99), 8)}${pad(s.errors, 8)}${pad(`${rssStart[i]} MB`, 11)}${pad(`${s.rss.at(-1)} MB`, 9)}${pad(`${rssMax[i]} MB`, 9)}\n`,
      );
    });
    for (const s of sides) process.stdout.write(`${s.name}: RSS after each round ${s.rss.map((mb) => `${mb}`).join(' ')} MB\n`);
    process.stdout.write(`\nPaced: ${CONNECTIONS} conversations, one message every ${PACE_MS} ms each on average, ${pacedSeconds} s\n`);
    process.stdout.write(`${'bot'.padEnd(24)}${pad('turns/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('errors', 8)}\n`);
    sides.forEach((s, i) => {
      const r = paced[i]!;
      const sorted = [...r.latencies].sort((x, y) => x - y);
      process.stdout.write(`${s.name.padEnd(24)}${pad(Math.round(r.turns / r.seconds), 9)}${pad(quantile(sorted, 0.5), 8)}${pad(quantile(sorted, 0.99), 8)}${pad(r.errors, 8)}\n`);
    });
    const [a, b] = sides as [Side, Side];
    const pacedOurs = paced[0]!;
    const ourP99 = quantile([...pacedOurs.latencies].sort((x, y) => x - y), 0.99);
    process.stdout.write(
      `\nours / echo flat-out throughput: ${median(ratios).toFixed(2)} (median of ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}; target >= 0.5); ` +
        `by CPU per turn: ${(b.cpuMs / Math.max(1, b.turns) / Math.max(1e-9, a.cpuMs / Math.max(1, a.turns))).toFixed(2)}; ` +
        `our paced p99 ${ourP99} ms (target < 50 ms); errors ${a.errors + pacedOurs.errors} (target 0); RSS ${rssStart[0]} -> ${a.rss.at(-1)} MB over ${Math.round(a.seconds)} s flat out\n`,
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
