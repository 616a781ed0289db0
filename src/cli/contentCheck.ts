import { checkContent, formatFault } from '../content/check';
import { loadReadabilityGrader } from '../content/validate';
import { topicIds } from '../content/catalog';
import { join } from 'node:path';
import { readRiskExamples, RISK_EXAMPLES_FILE } from '../safety/riskModel';

/** `npm run content:check [-- --dir path]`: validates every content file; exits 1 listing each fault. */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--dir');
  const dir = i > 0 ? process.argv[i + 1] : 'content';
  const { content, faults } = checkContent(dir, await loadReadabilityGrader());
  // The safeguarding examples are read by the safety layer, not the content loader: check them here.
  let riskExamples = 0;
  try {
    riskExamples = readRiskExamples(join(dir, RISK_EXAMPLES_FILE)).length;
  } catch (err) {
    faults.push({ file: join(dir, RISK_EXAMPLES_FILE), line: 1, message: err instanceof Error ? err.message : String(err) });
  }
  if (faults.length) {
    for (const f of faults) process.stderr.write(`${formatFault(f)}\n`);
    process.stderr.write(`\ncontent:check found ${faults.length} fault(s) in ${dir}. Fix them and run it again (see content/README.md).\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`content:check ok: ${topicIds(content!).length} topics, ${content!.areas.size} area packs, ${content!.glossary.length} glossary terms, ${riskExamples} safeguarding examples, revision ${content!.revision}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`content:check could not run: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
