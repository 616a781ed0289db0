import { existsSync } from 'node:fs';
import { trainingExamples } from '../content/catalog';
import type { Content } from '../content/loader';
import type { Classifier } from '../knowledge/classification';
import { buildMatcher } from './matcher';
import { outOfScopeFile, synonymsFile } from './matchingContent';
import { loadOutOfScope } from './outOfScope';
import { loadSynonymTable } from './synonyms';

/**
 * The bot's classifier for a validated content snapshot: training phrasings and glossary come from the
 * loaded content (so a rejected edit never reaches the matcher), the matching tables from their files.
 */
export function createClassifier(content: Content): Classifier {
  const synonyms = existsSync(synonymsFile(content.dir)) ? loadSynonymTable(synonymsFile(content.dir)) : undefined;
  const outOfScope = existsSync(outOfScopeFile(content.dir)) ? loadOutOfScope(outOfScopeFile(content.dir)) : [];
  return buildMatcher({ examples: trainingExamples(content), glossary: content.glossary, outOfScope, ...(synonyms ? { synonyms } : {}) });
}
