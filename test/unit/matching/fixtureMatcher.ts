/**
 * Builds matchers from the fixed phrasings in test/fixtures/matching, so the matching tests do not
 * change when content editors change the real content.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildMatcher, type MatcherInput } from '../../../src/matching/matcher';
import { parseOutOfScope } from '../../../src/matching/outOfScope';
import { parseSynonymTable } from '../../../src/matching/synonyms';
import type { Matcher, TrainingExample } from '../../../src/matching/types';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'matching');

const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The fixture phrasings as training examples. */
export function fixtureExamples(): TrainingExample[] {
  const byTopic = parseYaml(read('examples.yml')) as Record<string, string[]>;
  return Object.entries(byTopic).flatMap(([intent, texts]) => texts.map((text) => ({ intent, text })));
}

/** The whole fixture input: phrasings, synonyms and out-of-scope list. */
export function fixtureInput(): MatcherInput {
  return {
    examples: fixtureExamples(),
    synonyms: parseSynonymTable(read('synonyms.yml'), 'synonyms.yml'),
    outOfScope: parseOutOfScope(read('out-of-scope.yml'), 'out-of-scope.yml'),
  };
}

let shared: Matcher | undefined;

/** One matcher built from the fixtures, shared by the tests of a file. */
export function fixtureMatcher(): Matcher {
  shared ??= buildMatcher(fixtureInput());
  return shared;
}
