/**
 * What the bot would do with a message that opens a conversation: the safeguarding check first,
 * then the matcher. Shared by `npm run classify` and the benchmark.
 */
import { checkForCrisis } from '../safety/crisisCheck';
import type { Matcher, ScoredIntent } from './types';

/** The topic id the crisis check answers with. */
export const CRISIS_INTENT = 'safeguarding-crisis';

/** One line of `npm run classify` output, minus the id. */
export interface FirstMessageIntent {
  /** The topic the bot answers with (the first offered one for a clarify question); null on fallback. */
  intent: string | null;
  confidence: number;
  alternatives: ScoredIntent[];
}

/**
 * @example intentForFirstMessage(matcher, 'she has been cutting herself') // { intent: 'safeguarding-crisis', confidence: 1, alternatives: [] }
 */
export function intentForFirstMessage(matcher: Matcher, text: string): FirstMessageIntent {
  if (checkForCrisis(text).crisis) return { intent: CRISIS_INTENT, confidence: 1, alternatives: [] };
  const result = matcher.classify(text);
  return { intent: result.intent, confidence: result.confidence, alternatives: result.alternatives };
}
