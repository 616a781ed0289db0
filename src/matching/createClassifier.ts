import type { Content } from '../content/loader';
import type { Classifier } from '../knowledge/classification';
import { buildMatcher } from './matcher';
import { readMatchingTables } from './matchingContent';
import { examplesFromTopics } from './trainingData';
import type { TrainingExample } from './types';

/**
 * The bot's classifier for a validated content snapshot. It learns exactly what `classify`,
 * `export:training` and the benchmark learn (every topic's utterances and title, the glossary and the
 * matching tables), but from the loaded content, so a rejected edit never reaches the matcher.
 */
export function createClassifier(content: Content): Classifier {
  return buildMatcher({ examples: trainingExamplesOf(content), glossary: content.glossary, ...readMatchingTables(content.dir) });
}

/** The training phrasings of loaded content, in the same order and form as `readTrainingExamples`. */
export function trainingExamplesOf(content: Content): TrainingExample[] {
  const topics = [...content.national.values(), ...[...content.areas.values()].flatMap((area) => [...area.topics.values()])];
  return examplesFromTopics(topics);
}
