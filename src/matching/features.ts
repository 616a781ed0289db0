/**
 * Turns a list of rewritten words into weighted features: Porter stems of the content words
 * plus bigrams of neighbouring stems ("how long", "ehc plan") that carry meaning single words lose.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

/** Feature name -> weight (a sparse vector). */
export type FeatureBag = Map<string, number>;

/**
 * Function words that say nothing about the topic. Question words ("how", "who", "when"), "not"
 * and modal "must" stay in: "how long" and "who pays" point at different topics than "what is".
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'so', 'if', 'then', 'than', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by',
  'from', 'into', 'onto', 'as', 'be', 'is', 'are', 'am', 'was', 'were', 'been', 'being', 'i', 'me', 'my', 'mine',
  'myself', 'we', 'us', 'our', 'ours', 'yours', 'he', 'him', 'his', 'she', 'her', 'hers', 'they',
  'them', 'their', 'theirs', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here', 'just', 'really',
  'very', 'please', 'also', 'too', 'quite', 'some', 'any', 'do', 'does', 'did',
  'doing', 'has', 'have', 'had', 'having', 'can', 'could', 'would', 'will', 'shall', 'may', 'might',
  'im', 'ive', 'id', 'ill', 'hes', 'shes', 'theyre', 'theyve', 'weve', 'youre', 'thats', 'theres',
  'whats', 'lot', 'lots', 'bit', 'thing', 'things', 'stuff', 'actually', 'basically', 'literally', 'like', 'um',
  'erm', 'hmm', 'oh', 'ok', 'okay', 'well', 'sorry', 'x', 'xx', 'xxx', 'lol', 'about', 'up',
  'still', 'even', 'ever', 'much', 'many', 'most', 'such', 'only', 'now', 'think', 'want', 'going',
  'because', 'though', 'yet', 'let', 'lets',
]);

const stemCache = new Map<string, string>();

/** Longer tokens are not words (links, keyboard mashing); the stemmer's regexes are slow on them. */
const MAX_STEMMED_LENGTH = 30;

/** Cached Porter stem (the stemmer is the hot path: each message stems ~10 words). */
export function stem(word: string): string {
  if (word.length > MAX_STEMMED_LENGTH) return word;
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Weight of a bigram relative to a single word. */
export const BIGRAM_WEIGHT = 0.6;

/**
 * Adds one sentence's features to `bag`, scaled by `weight`.
 *
 * @example addFeatures(['how','long','does','ehc','plan','take'], 1, bag) // adds how, long, ehc, plan, take, how_long, ...
 */
export function addFeatures(words: readonly string[], weight: number, bag: FeatureBag): void {
  let previous: string | undefined;
  for (const word of words) {
    if (STOPWORDS.has(word)) continue;
    const stemmed = stem(word);
    bag.set(stemmed, (bag.get(stemmed) ?? 0) + weight);
    if (previous !== undefined) {
      const bigram = `${previous}_${stemmed}`;
      bag.set(bigram, (bag.get(bigram) ?? 0) + weight * BIGRAM_WEIGHT);
    }
    previous = stemmed;
  }
}

