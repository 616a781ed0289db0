/**
 * Builds the bot's classifier from content the content store has already loaded: topic phrasings
 * and the glossary from memory, the synonyms and out-of-scope lists from `<content dir>/matching/`.
 * Typed structurally, so the matcher does not depend on the content module's types.
 */
import { existsSync } from 'node:fs';
import { buildMatcher } from './matcher';
import { outOfScopeFile, synonymsFile } from './matchingContent';
import { loadOutOfScope } from './outOfScope';
import { loadSynonymTable } from './synonyms';
import { examplesFromTopics, type TopicPhrasings } from './trainingData';
import type { Matcher } from './types';

/** The parts of the loaded content the classifier needs. */
export interface ClassifierContent {
  dir: string;
  glossary: readonly { id: string; term: string; aliases: readonly string[] }[];
  national: ReadonlyMap<string, TopicPhrasings>;
  areas: ReadonlyMap<string, { topics: ReadonlyMap<string, TopicPhrasings> }>;
}

/**
 * @example const classifier = createClassifier(contentStore.content); classifier.classify('whats an ehcp')
 */
export function createClassifier(content: ClassifierContent): Matcher {
  const topics: TopicPhrasings[] = [...content.national.values()];
  for (const area of content.areas.values()) topics.push(...area.topics.values());
  return buildMatcher({
    examples: examplesFromTopics(topics),
    glossary: content.glossary.map((entry) => ({ id: entry.id, term: entry.term, aliases: [...entry.aliases] })),
    outOfScope: existsSync(outOfScopeFile(content.dir)) ? loadOutOfScope(outOfScopeFile(content.dir)) : [],
    ...(existsSync(synonymsFile(content.dir)) ? { synonyms: loadSynonymTable(synonymsFile(content.dir)) } : {}),
  });
}
