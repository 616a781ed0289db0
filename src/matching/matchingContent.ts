/**
 * Loads everything the matcher learns from out of a content directory and builds it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildMatcher, type MatcherInput } from './matcher';
import { loadOutOfScope } from './outOfScope';
import { loadSynonymTable } from './synonyms';
import { readGlossary, readTrainingExamples } from './trainingData';
import type { Matcher } from './types';

/** content/matching/synonyms.yml */
export function synonymsFile(contentDir: string): string {
  return join(contentDir, 'matching', 'synonyms.yml');
}

/** content/matching/out-of-scope.yml */
export function outOfScopeFile(contentDir: string): string {
  return join(contentDir, 'matching', 'out-of-scope.yml');
}

/**
 * Reads topics, glossary, synonyms and out-of-scope phrasings (the latter two are optional files).
 *
 * @example const input = readMatcherInput('content'); const matcher = buildMatcher(input);
 */
export function readMatcherInput(contentDir: string): MatcherInput {
  return { examples: readTrainingExamples(contentDir), glossary: readGlossary(contentDir), ...readMatchingTables(contentDir) };
}

/** The synonyms and out-of-scope tables (both optional files); shared by every way of building the matcher. */
export function readMatchingTables(contentDir: string): Pick<MatcherInput, 'outOfScope' | 'synonyms'> {
  const synonyms = existsSync(synonymsFile(contentDir)) ? loadSynonymTable(synonymsFile(contentDir)) : undefined;
  const outOfScope = existsSync(outOfScopeFile(contentDir)) ? loadOutOfScope(outOfScopeFile(contentDir)) : [];
  return { outOfScope, ...(synonyms ? { synonyms } : {}) };
}

/** Reads the content directory and builds the matcher in one call. */
export function buildMatcherFromContent(contentDir: string): Matcher {
  return buildMatcher(readMatcherInput(contentDir));
}
