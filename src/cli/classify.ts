/**
 * `npm run --silent classify`: reads JSON lines {"id": "...", "text": "..."} on stdin and writes, in
 * order, one JSON line per input: {"id", "intent", "confidence", "alternatives"} - the topic the bot
 * would answer with for that message as the first message of a conversation ("safeguarding-crisis"
 * when the crisis check fires, null on fallback). Nothing else goes to stdout; problems go to stderr.
 *
 *   echo '{"id":"1","text":"whats a sendco"}' | npm run --silent classify
 *   node dist/src/cli/classify.js --content path/to/content   # another content folder
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { intentForFirstMessage } from '../matching/firstMessage';
import { buildMatcherFromContent } from '../matching/matchingContent';
import type { Matcher } from '../matching/types';

/** The repository's content folder (this file runs from dist/src/cli/), unless `--content` says otherwise. */
function contentDirFrom(args: readonly string[]): string {
  const flag = args.indexOf('--content');
  const given = flag === -1 ? undefined : args[flag + 1];
  return given ? resolve(given) : resolve(__dirname, '..', '..', '..', 'content');
}

/** One output line for one input line. Bad input still gets a line, so outputs stay aligned with inputs. */
export function classifyLine(matcher: Matcher, line: string, lineNumber: number, warn: (message: string) => void): string {
  let id: unknown = null;
  let text: unknown;
  try {
    const input = JSON.parse(line) as { id?: unknown; text?: unknown };
    id = input.id ?? null;
    text = input.text;
  } catch {
    warn(`classify: line ${lineNumber} is not JSON`);
  }
  if (typeof text !== 'string') {
    if (text !== undefined) warn(`classify: line ${lineNumber}: "text" is not a string`);
    else if (id !== null) warn(`classify: line ${lineNumber}: no "text"`);
    return JSON.stringify({ id, intent: null, confidence: 0, alternatives: [] });
  }
  const result = intentForFirstMessage(matcher, text);
  return JSON.stringify({ id, intent: result.intent, confidence: result.confidence, alternatives: result.alternatives });
}

async function main(): Promise<void> {
  const warn = (message: string): void => {
    process.stderr.write(`${message}\n`);
  };
  // A reader that stops early (e.g. `| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const matcher = buildMatcherFromContent(contentDirFrom(process.argv.slice(2)));
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim().length === 0) continue;
    process.stdout.write(`${classifyLine(matcher, line, lineNumber, warn)}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`classify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
