/**
 * Long messages often tell a story and ask the question at the end ("...he cries every morning.
 * How do I raise this with school?"). The question sentence and the last sentence carry the
 * intent; the story around them mostly adds noise, so it counts for less.
 */
import type { Sentence } from './normalise';

/** Weight of a story sentence relative to the question. */
export const STORY_WEIGHT = 0.6;
/** Weight of the question sentence(s) and the last sentence. */
export const QUESTION_WEIGHT = 1;

/**
 * One weight per sentence.
 *
 * @example sentenceWeights([{tokens:['we','moved'],isQuestion:false},{tokens:['what','now'],isQuestion:true}]) // [0.35, 1]
 */
export function sentenceWeights(sentences: readonly Sentence[]): number[] {
  if (sentences.length <= 1) return sentences.map(() => QUESTION_WEIGHT);
  const lastIndex = sentences.length - 1;
  return sentences.map((sentence, index) =>
    sentence.isQuestion || index === lastIndex ? QUESTION_WEIGHT : STORY_WEIGHT,
  );
}
