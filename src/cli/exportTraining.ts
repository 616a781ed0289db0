/**
 * `npm run --silent export:training`: one JSON line {"intent": "<topic id>", "text": "..."} for
 * every training phrasing the matcher learns from: each topic's utterances plus its title (the
 * matcher's one expansion), once per topic even when two area packs repeat it. The out-of-scope
 * list (content/matching/out-of-scope.yml) is not exported: it has no topic id.
 *
 *   npm run --silent export:training > training.jsonl
 */
import { resolve } from 'node:path';
import { readTrainingExamples } from '../matching/trainingData';

function main(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const flag = process.argv.indexOf('--content');
  const contentDir = flag === -1 ? resolve(__dirname, '..', '..', '..', 'content') : resolve(process.argv[flag + 1] ?? 'content');
  const lines = readTrainingExamples(contentDir).map((example) => JSON.stringify({ intent: example.intent, text: example.text }));
  process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
}

try {
  main();
} catch (error) {
  process.stderr.write(`export:training: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
