/**
 * Conversation topics (greeting, thanks, goodbye, help, restart) are trained on one- or two-word
 * phrasings ("bye", "im done", "options"). In a long message such a word is incidental ("...they
 * still haven't done what they promised"), so those topics are damped as the message grows.
 * Which topics are "short-form" is worked out from their phrasings, not listed by hand.
 */
import type { FeatureBag } from './features';
import type { IndexedPhrase } from './scorer';

/** Settings of the short-form damping. */
export interface ShortFormOptions {
  /** An intent whose median phrasing has at most this many words is short-form. */
  maxMedianWords: number;
  /** Messages up to this many words are not damped. */
  freeWords: number;
  /** Damping factor is (freeWords / words) ^ power. */
  power: number;
}

export const DEFAULT_SHORT_FORM: ShortFormOptions = { maxMedianWords: 2, freeWords: 4, power: 1.5 };

/** The number of (weighted) words in a feature bag, bigrams excluded. */
export function wordCount(features: FeatureBag): number {
  let count = 0;
  for (const [feature, weight] of features) if (!feature.includes('_')) count += weight;
  return count;
}

/** The intents whose phrasings are typically this short. */
export function shortFormIntents(phrases: readonly IndexedPhrase[], options: ShortFormOptions = DEFAULT_SHORT_FORM): Set<string> {
  const lengths = new Map<string, number[]>();
  for (const phrase of phrases) {
    let list = lengths.get(phrase.intent);
    if (list === undefined) lengths.set(phrase.intent, (list = []));
    list.push(wordCount(phrase.features));
  }
  const result = new Set<string>();
  for (const [intent, list] of lengths) {
    const sorted = [...list].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    if (median <= options.maxMedianWords) result.add(intent);
  }
  return result;
}

/**
 * The factor (0..1] a short-form intent's score is multiplied by for a message of `words` words.
 *
 * @example shortFormDamping(8, DEFAULT_SHORT_FORM) // (4/8)^1.5 = 0.35
 */
export function shortFormDamping(words: number, options: ShortFormOptions = DEFAULT_SHORT_FORM): number {
  return words <= options.freeWords ? 1 : (options.freeWords / words) ** options.power;
}
