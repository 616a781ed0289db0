/**
 * Turns raw similarity scores into a 0..1 confidence and a decision (answer, clarify, fallback).
 */
import type { IntentScore } from './scorer';
import type { MatchDecision } from './types';

/** Decision thresholds, all on the calibrated confidence scale. */
export interface DecisionThresholds {
  /** Below this the best topic is not trusted: fall back. */
  fallbackBelow: number;
  /** Two topics whose confidences differ by less than this are "close": ask which one. */
  clarifyMargin: number;
  /** The second topic must reach this to be offered in a clarify question. */
  clarifyFloor: number;
  /** The out-of-scope list wins unless the best topic beats it by this much. */
  outOfScopeMargin: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = {
  fallbackBelow: 0.4,
  clarifyMargin: 0.04,
  clarifyFloor: 0.45,
  outOfScopeMargin: 0.0,
};

/**
 * Maps a blended similarity (0..1) to a confidence. The blend rarely exceeds ~0.75 even for a
 * word-for-word match (centroids are averages), so it is stretched with a logistic curve whose
 * midpoint sits where matches start to be right more often than wrong.
 */
export function toConfidence(combined: number): number {
  const MIDPOINT = 0.22;
  const STEEPNESS = 14;
  const value = 1 / (1 + Math.exp(-STEEPNESS * (combined - MIDPOINT)));
  return Math.round(value * 1000) / 1000;
}

/** The decision for the ranked in-scope scores and the out-of-scope pseudo-intent's score. */
export function decide(
  inScope: readonly IntentScore[],
  outOfScope: IntentScore | undefined,
  thresholds: DecisionThresholds = DEFAULT_THRESHOLDS,
): MatchDecision {
  const best = inScope[0];
  if (best === undefined) return 'fallback';
  const confidence = toConfidence(best.combined);
  if (outOfScope && outOfScope.combined + thresholds.outOfScopeMargin >= best.combined && outOfScope.combined > 0) return 'fallback';
  if (confidence < thresholds.fallbackBelow) return 'fallback';
  const second = inScope[1];
  if (second !== undefined) {
    const secondConfidence = toConfidence(second.combined);
    if (secondConfidence >= thresholds.clarifyFloor && confidence - secondConfidence < thresholds.clarifyMargin) return 'clarify';
  }
  return 'answer';
}
