/**
 * Matching benchmark: our matcher (with the safeguarding check in front) against nlp.js trained on
 * exactly the same phrasings, on the labelled test set bench/data/matching-test.jsonl.
 *
 *   npm run bench:matching
 *
 * Prints one table. Fails loudly (exit 1) when a test sentence is also a training or
 * out-of-scope phrasing, or when the test set does not cover every topic.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CRISIS_INTENT, intentForFirstMessage } from '../src/matching/firstMessage';
import { buildMatcher, type MatcherInput } from '../src/matching/matcher';
import { readMatcherInput } from '../src/matching/matchingContent';
import { frontMatterOf, topicFiles } from '../src/matching/trainingData';
import { readRiskExamples, RISK_EXAMPLES_FILE, RiskModel, riskExamplesFor } from '../src/safety/riskModel';
import type { Matcher } from '../src/matching/types';

const ROOT = resolve(__dirname, '..', '..');
const CONTENT_DIR = join(ROOT, 'content');
/**
 * BENCH_SET=dev-3 or dev-4 runs on a development set (bench/data/matching-dev-*.jsonl), written
 * separately for tuning: only there does BENCH_MISSES=1 list the rows we got wrong. The test set
 * stays unread. (dev and dev-2, the first two, were folded into the training phrasings after use.)
 */
const DEV_SETS = ['dev-3', 'dev-4'];
const SET = DEV_SETS.includes(process.env.BENCH_SET ?? '') ? (process.env.BENCH_SET as string) : 'test';
const TEST_SET = join(ROOT, 'bench', 'data', `matching-${SET}.jsonl`);
const LATENCY_PASSES = 5;
let riskTrainMs = 0;
const MIN_PER_KNOWLEDGE_TOPIC = SET === 'test' ? 8 : 5;

const testRowSchema = z.object({
  text: z.string().min(1),
  expected: z.string().nullable(),
  note: z.string().optional(),
});
type TestRow = z.infer<typeof testRowSchema>;

/** What each system said for each test row, plus its costs. */
interface SystemRun {
  name: string;
  predictions: (string | null)[];
  latencyMs: number[];
  buildMs: number;
  /** Fastest of the timed builds, when there were several. */
  fastestBuildMs?: number;
  heapMb: number;
}

// ---------------------------------------------------------------- helpers

/** Loose sentence identity: case, punctuation and spacing do not make two sentences different. */
function sentenceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A callable `gc()` without needing `node --expose-gc` on the command line. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = garbageCollector();

function heapUsedMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function fail(message: string): never {
  process.stderr.write(`bench:matching: ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------- inputs and checks

function readTestSet(): TestRow[] {
  return readFileSync(TEST_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      const parsed = testRowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) fail(`${TEST_SET}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'bad row'}`);
      return parsed.data;
    });
}

/** Topic id -> kind, from the content files' front matter. */
function topicKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const file of topicFiles(CONTENT_DIR)) {
    const yamlText = frontMatterOf(readFileSync(file, 'utf8'));
    const front = yamlText ? (parseYaml(yamlText) as { id?: string; kind?: string } | null) : null;
    if (front?.id && front.kind) kinds.set(front.id, front.kind);
  }
  return kinds;
}

/** No sentence may be both a test sentence and something the matcher learns from. */
function assertKeptApart(rows: readonly TestRow[], input: MatcherInput): void {
  const learned = new Map<string, string>();
  for (const example of input.examples) learned.set(sentenceKey(example.text), `training phrasing of ${example.intent}`);
  for (const text of input.outOfScope ?? []) learned.set(sentenceKey(text), 'out-of-scope phrasing');
  // The safeguarding model learns from its own examples; the development set is among them, so only
  // the test set is checked against them.
  if (SET === 'test') {
    for (const example of readRiskExamples(join(CONTENT_DIR, RISK_EXAMPLES_FILE))) learned.set(sentenceKey(example.text), 'safeguarding example');
  }
  const clashes = rows.filter((row) => learned.has(sentenceKey(row.text)));
  if (clashes.length > 0) {
    fail(
      `${clashes.length} test sentence(s) are also learned by the matcher:\n` +
        clashes.map((row) => `  "${row.text}" (${learned.get(sentenceKey(row.text))})`).join('\n'),
    );
  }
}

/** Every topic has test rows; knowledge topics at least MIN_PER_KNOWLEDGE_TOPIC; enough null, crisis and worry rows. */
function assertCoverage(rows: readonly TestRow[], kinds: ReadonlyMap<string, string>): void {
  const counts = new Map<string, number>();
  for (const row of rows) if (row.expected) counts.set(row.expected, (counts.get(row.expected) ?? 0) + 1);
  const problems: string[] = [];
  for (const [id, kind] of kinds) {
    const count = counts.get(id) ?? 0;
    const needed = kind === 'knowledge' ? MIN_PER_KNOWLEDGE_TOPIC : 1;
    if (count < needed) problems.push(`${id} (${kind}) has ${count} test rows, needs ${needed}`);
  }
  for (const id of counts.keys()) if (!kinds.has(id)) problems.push(`expected "${id}" is not a topic id`);
  const nulls = rows.filter((row) => row.expected === null).length;
  const crisis = counts.get(CRISIS_INTENT) ?? 0;
  const worries = rows.filter((row) => row.note === 'ordinary-worry').length;
  if (rows.length < 330) problems.push(`only ${rows.length} rows (needs 330)`);
  if (nulls < 40) problems.push(`only ${nulls} out-of-scope rows (needs 40)`);
  if (crisis < 25) problems.push(`only ${crisis} crisis rows (needs 25)`);
  if (worries < 30) problems.push(`only ${worries} ordinary-worry rows (needs 30)`);
  // The size rules are the test set's. Tuning sets need valid ids; dev-3 also covers every topic,
  // while dev-4 is about the edge of scope (out-of-scope questions and in-scope ones that sound like them).
  const keep = (problem: string): boolean => problem.includes('not a topic id') || (SET !== 'dev-4' && problem.includes('test rows'));
  if (SET !== 'test') problems.splice(0, problems.length, ...problems.filter(keep));
  if (problems.length > 0) fail(`test set coverage:\n  ${problems.join('\n  ')}`);
}

// ---------------------------------------------------------------- our matcher

function runOurs(input: MatcherInput, rows: readonly TestRow[]): SystemRun & { decisions: Record<string, number> } {
  // JIT warm-up on the training phrasings (not the test set), on a throw-away instance.
  const warm = buildMatcher(input);
  for (const example of input.examples) intentForFirstMessage(warm, example.text);

  const heapBefore = heapUsedMb();
  const buildTimes: number[] = [];
  let matcher: Matcher | undefined;
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    const start = nowMs();
    matcher = buildMatcher(input);
    buildTimes.push(nowMs() - start);
  }
  const heapMb = heapUsedMb() - heapBefore;

  // Every pass uses a freshly built matcher, so typo-repair caches start cold each time; the
  // per-message median over passes filters out noise from other processes on the machine.
  const perMessage: number[][] = rows.map(() => []);
  let predictions: (string | null)[] = [];
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    const fresh = buildMatcher(input);
    predictions = rows.map((row, index) => {
      const start = nowMs();
      const intent = intentForFirstMessage(fresh, row.text).intent;
      (perMessage[index] as number[]).push(nowMs() - start);
      return intent;
    });
  }
  const decisions: Record<string, number> = {};
  for (const row of rows) {
    const decision = (matcher as Matcher).classify(row.text).decision;
    decisions[decision] = (decisions[decision] ?? 0) + 1;
  }
  return {
    name: 'ours',
    predictions,
    latencyMs: perMessage.map(median),
    buildMs: median(buildTimes),
    fastestBuildMs: Math.min(...buildTimes),
    heapMb,
    decisions,
  };
}

// ---------------------------------------------------------------- nlp.js

/** The part of nlp.js's API the benchmark uses (the package ships no types). */
interface NlpjsNlp {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
}
interface NlpjsDock {
  get(name: 'nlp'): NlpjsNlp;
}
interface NlpjsBasic {
  dockStart(settings: Record<string, unknown>): Promise<NlpjsDock>;
}

const NLPJS_OUT_OF_SCOPE = 'out_of_scope';

/** Runs `work` with stdout and console.log swallowed: nlp.js prints progress and banners. */
async function silently<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log;
  const info = console.info;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  console.log = () => undefined;
  console.info = () => undefined;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
    console.log = log;
    console.info = info;
  }
}

async function trainNlpjs(input: MatcherInput): Promise<NlpjsNlp> {
  const { dockStart } = require('@nlpjs/basic') as NlpjsBasic;
  return silently(async () => {
    const dock = await dockStart({
      use: ['Basic'],
      loadEnv: false,
      settings: { nlp: { languages: ['en'], autoSave: false, autoLoad: false, forceNER: false, nlu: { log: false } } },
    });
    const nlp = dock.get('nlp');
    for (const example of input.examples) nlp.addDocument('en', example.text, example.intent);
    for (const text of input.outOfScope ?? []) nlp.addDocument('en', text, NLPJS_OUT_OF_SCOPE);
    await nlp.train();
    return nlp;
  });
}

/** nlp.js's own fallback: below its score threshold (0.5 by default) it answers intent "None". */
function nlpjsIntent(result: { intent: string }): string | null {
  return result.intent === 'None' || result.intent === NLPJS_OUT_OF_SCOPE ? null : result.intent;
}

async function runNlpjs(input: MatcherInput, rows: readonly TestRow[]): Promise<SystemRun> {
  // nlp.js keeps its model in one shared container, so memory is measured around the first
  // training (module already loaded) and time on a second one (warm JIT).
  require('@nlpjs/basic');
  const heapBefore = heapUsedMb();
  const first = await trainNlpjs(input);
  const heapMb = heapUsedMb() - heapBefore;
  await silently(async () => {
    for (const example of input.examples.slice(0, 200)) await first.process('en', example.text);
  });

  const start = nowMs();
  const nlp = await trainNlpjs(input);
  const buildMs = nowMs() - start;

  const perMessage: number[][] = rows.map(() => []);
  let predictions: (string | null)[] = [];
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    predictions = await silently(async () => {
      const out: (string | null)[] = [];
      for (const [index, row] of rows.entries()) {
        const begin = nowMs();
        const result = await nlp.process('en', row.text);
        (perMessage[index] as number[]).push(nowMs() - begin);
        out.push(nlpjsIntent(result));
      }
      return out;
    });
  }
  return { name: 'nlp.js', predictions, latencyMs: perMessage.map(median), buildMs, heapMb };
}

// ---------------------------------------------------------------- scoring and report

interface Scores {
  inScopeAccuracy: number;
  outOfScopeRejection: number;
  crisisRecall: number;
  falseAlarmsPer200: number;
  worryFalseAlarms: number;
  p50: number;
  p99: number;
}

function score(run: SystemRun, rows: readonly TestRow[]): Scores {
  let inScope = 0;
  let inScopeRight = 0;
  let outOfScope = 0;
  let rejected = 0;
  let crisis = 0;
  let caught = 0;
  let ordinary = 0;
  let alarms = 0;
  let worryAlarms = 0;
  rows.forEach((row, index) => {
    const predicted = run.predictions[index];
    if (row.expected === CRISIS_INTENT) {
      crisis++;
      if (predicted === CRISIS_INTENT) caught++;
      return;
    }
    ordinary++;
    if (predicted === CRISIS_INTENT) {
      alarms++;
      if (row.note === 'ordinary-worry') worryAlarms++;
    }
    if (row.expected === null) {
      outOfScope++;
      if (predicted === null) rejected++;
    } else {
      inScope++;
      if (predicted === row.expected) inScopeRight++;
    }
  });
  return {
    inScopeAccuracy: inScopeRight / inScope,
    outOfScopeRejection: rejected / outOfScope,
    crisisRecall: caught / crisis,
    falseAlarmsPer200: (alarms * 200) / ordinary,
    worryFalseAlarms: worryAlarms,
    p50: percentile(run.latencyMs, 0.5),
    p99: percentile(run.latencyMs, 0.99),
  };
}

const pct = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)}%`);

function printTable(rows: readonly TestRow[], runs: readonly SystemRun[], readMs: number): void {
  const scores = runs.map((run) => score(run, rows));
  const counts = {
    inScope: rows.filter((row) => row.expected !== null && row.expected !== CRISIS_INTENT).length,
    outOfScope: rows.filter((row) => row.expected === null).length,
    crisis: rows.filter((row) => row.expected === CRISIS_INTENT).length,
    ordinary: rows.filter((row) => row.expected !== CRISIS_INTENT).length,
    worries: rows.filter((row) => row.note === 'ordinary-worry').length,
  };
  const lines: [string, (s: Scores, run: SystemRun) => string, string][] = [
    [`in-scope top-1 accuracy (n=${counts.inScope})`, (s) => pct(s.inScopeAccuracy), '>= 95%, +5 pts'],
    [`out-of-scope rejection (n=${counts.outOfScope})`, (s) => pct(s.outOfScopeRejection), '>= 90%'],
    [`crisis recall (n=${counts.crisis})`, (s) => pct(s.crisisRecall), '100%'],
    [`false alarms per 200 ordinary (n=${counts.ordinary})`, (s) => s.falseAlarmsPer200.toFixed(2), '<= 1'],
    [`  of which ordinary worries (n=${counts.worries})`, (s) => String(s.worryFalseAlarms), ''],
    ['latency p50 per message', (s) => `${s.p50.toFixed(3)} ms`, ''],
    ['latency p99 per message', (s) => `${s.p99.toFixed(3)} ms`, '< 1 ms'],
    ['build / training time (median)', (_s, run) => `${run.buildMs.toFixed(1)} ms`, '< 300 ms'],
    ['build (fastest of 5)', (_s, run) => (run.fastestBuildMs === undefined ? '' : `${run.fastestBuildMs.toFixed(1)} ms`), ''],
    ['heap after build', (_s, run) => `${run.heapMb.toFixed(1)} MB`, ''],
  ];
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  const column = 14;
  const out: string[] = [];
  out.push(`${'metric'.padEnd(width)}${runs.map((run) => run.name.padStart(column)).join('')}${'target'.padStart(18)}`);
  out.push('-'.repeat(width + column * runs.length + 18));
  for (const [label, value, target] of lines) {
    out.push(`${label.padEnd(width)}${runs.map((run, index) => value(scores[index] as Scores, run).padStart(column)).join('')}${target.padStart(18)}`);
  }
  out.push('');
  out.push(`Reading the content files (not included above): ${readMs.toFixed(1)} ms. Training the safeguarding model (once, at start-up): ${riskTrainMs.toFixed(1)} ms.`);
  out.push('Ours = safeguarding check, then the matcher (as the bot runs them); nlp.js = nlp.js alone, trained on the');
  out.push('same phrasings (topic utterances and titles, plus the out-of-scope list as one intent), fallback by its 0.5 threshold.');
  out.push(`Latency: median over ${LATENCY_PASSES} passes per message, each pass on a freshly built matcher (cold caches).`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The machine's CPU time counters (Linux /proc/stat, first line), or undefined elsewhere. */
function cpuTimes(): number[] | undefined {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return undefined;
  }
}

/** Share of all CPU time since `before` that the host took from this virtual machine ("steal", the 8th counter). */
function stealShareSince(before: number[] | undefined): number | undefined {
  const now = cpuTimes();
  if (now === undefined || before === undefined) return undefined;
  const deltas = now.map((value, index) => value - (before[index] ?? 0));
  const total = deltas.reduce((sum, value) => sum + value, 0);
  return total > 0 ? (deltas[7] ?? 0) / total : undefined;
}

async function main(): Promise<void> {
  const rows = readTestSet();
  process.stdout.write(`bench:matching on the ${SET} set (${TEST_SET.slice(ROOT.length + 1)})\n`);
  const readStart = nowMs();
  const input = readMatcherInput(CONTENT_DIR);
  const readMs = nowMs() - readStart;
  assertKeptApart(rows, input);
  assertCoverage(rows, topicKinds());

  const riskStart = nowMs();
  RiskModel.train(riskExamplesFor(CONTENT_DIR));
  riskTrainMs = nowMs() - riskStart;
  const before = cpuTimes();
  const ours = runOurs(input, rows);
  const steal = stealShareSince(before);
  const nlpjs = await runNlpjs(input, rows);
  printTable(rows, [ours, nlpjs], readMs);
  if (steal !== undefined) {
    process.stdout.write(
      `While our matcher ran, the host took ${(steal * 100).toFixed(0)}% of this machine's CPU time ("steal"): timings swing with it; the fastest build is the least disturbed.\n`,
    );
  }
  const decisions = Object.entries(ours.decisions)
    .map(([decision, count]) => `${decision} ${count}`)
    .join(', ');
  process.stdout.write(`Our matcher's decisions on all ${rows.length} rows (crisis check not applied): ${decisions}.\n`);
  if (SET !== 'test' && process.env.BENCH_MISSES === '1') {
    rows.forEach((row, index) => {
      const got = ours.predictions[index] ?? null;
      if (got !== row.expected) process.stdout.write(`MISS expected ${row.expected ?? 'null'} got ${got ?? 'null'}: ${row.text}\n`);
    });
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
