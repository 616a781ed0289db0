/**
 * Turns raw similarity scores into a 0..1 confidence and a decision (answer, clarify, fallback).
 */
import type { IntentScore } from './scorer';
import type { MatchDecision } from './types';

/** Decision thresholds: confidences, except `outOfScopeMargin` (on the raw blend). */
export interface DecisionThresholds {
  /** Below this the best topic is not trusted: fall back. */
  fallbackBelow: number;
  /**
   * Two topics are "close" (ask which one) when the second's raw blend is at least this share of
   * the best one's. A ratio, not a difference of confidences: near the top the confidence curve
   * flattens and would hide real ties.
   */
  clarifyRatio: number;
  /** The second topic must reach this to be offered in a clarify question. */
  clarifyFloor: number;
  /** The out-of-scope list wins unless the best topic beats it by this much. */
  outOfScopeMargin: number;
  /**
   * Messages longer than this many words get a lower bar (fallbackBelow and outOfScopeMargin are
   * scaled by (longFrom / words) ^ longPower). Parents who write a paragraph are telling a SEND
   * story; it is short messages ("tell me a joke") that are out of scope, and long ones carry more
   * words the training never saw, which lowers every score.
   */
  longFrom: number;
  longPower: number;
  /**
   * Fall back when the in-scope / out-of-scope model gives at least this chance of "out of scope",
   * whatever the topic scores say. Chosen on the development sets: from 0.6 to 0.9 it only turned
   * wrong answers into fallbacks; at 0.5 it began to lose in-scope questions.
   */
  outOfScopeProbability: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = {
  fallbackBelow: 0.24,
  clarifyRatio: 0.85,
  clarifyFloor: 0.35,
  outOfScopeMargin: 0.08,
  longFrom: 6,
  longPower: 2,
  outOfScopeProbability: 0.7,
};

/**
 * Maps a blended similarity (0..1) to a confidence: roughly the chance the top topic is right.
 * The logistic curve was fitted on held-out training phrasings (8-fold cross-validation over the
 * content's utterances, never the benchmark's test set): a blend of 0.29 is right half the time,
 * 0.5 about 84%, 0.6 about 92%.
 */
export function toConfidence(combined: number): number {
  const MIDPOINT = 0.29;
  const STEEPNESS = 7.8;
  const value = 1 / (1 + Math.exp(-STEEPNESS * (combined - MIDPOINT)));
  return Math.round(value * 1000) / 1000;
}

/**
 * The decision for the ranked in-scope scores and the out-of-scope pseudo-intent's score.
 *
 * @param words the message's word count (stopwords excluded), for the long-message leniency
 * @param outOfScopeProbability the in-scope / out-of-scope model's chance that the message is out of scope
 */
export function decide(
  inScope: readonly IntentScore[],
  outOfScope: IntentScore | undefined,
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
  words = 0,
  outOfScopeProbability = 0,
): MatchDecision {
  const best = inScope[0];
  if (best === undefined || outOfScopeProbability >= thresholds.outOfScopeProbability) return 'fallback';
  const confidence = toConfidence(best.combined);
  const leniency = words > thresholds.longFrom ? (thresholds.longFrom / words) ** thresholds.longPower : 1;
  if (outOfScope && outOfScope.combined + thresholds.outOfScopeMargin * leniency >= best.combined && outOfScope.combined > 0) return 'fallback';
  if (confidence < thresholds.fallbackBelow * leniency) return 'fallback';
  const second = inScope[1];
  if (second !== undefined) {
    const secondConfidence = toConfidence(second.combined);
    if (secondConfidence >= thresholds.clarifyFloor && second.combined >= thresholds.clarifyRatio * best.combined) return 'clarify';
  }
  return 'answer';
}
