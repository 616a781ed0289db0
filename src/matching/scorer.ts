/**
 * Scores a message against every intent with TF-IDF vectors over stems and bigrams:
 * - `nearest`: cosine similarity with the intent's closest training phrasing;
 * - `runnerUp`: similarity with its second-closest phrasing (one lucky overlap is weaker evidence
 *   than two phrasings agreeing);
 * - `centroid`: cosine with the intent's centroid (the average of its phrasings), a "whole topic"
 *   view that is robust to one odd phrasing;
 * - `coverage`: BM25 of the message against all the intent's phrasings as one document, divided by
 *   the best score the message could reach: the share of the message the topic explains. A long
 *   message that shares one rare word with a one-word phrasing ("im done") scores low here.
 * IDF is computed over intents, not phrasings: a word used by every topic ("school", "child")
 * tells them apart no better than a stopword.
 */
import type { FeatureBag } from './features';

/** One intent's raw similarity scores, each 0..1. */
export interface IntentScore {
  intent: string;
  nearest: number;
  runnerUp: number;
  centroid: number;
  coverage: number;
  /** The blend that ranks intents (see `blend`). */
  combined: number;
}

/** Weights of the blend; they sum to 1 so `combined` stays within 0..1. */
export interface BlendWeights {
  nearest: number;
  runnerUp: number;
  centroid: number;
  coverage: number;
}

export const DEFAULT_BLEND: BlendWeights = { nearest: 0.35, runnerUp: 0.15, centroid: 0.2, coverage: 0.3 };

/** BM25 term-frequency saturation and length normalisation (the usual values). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

/** How much a word never seen in training counts in the message's length (0 = ignored). */
export const UNKNOWN_FEATURE_FACTOR = 0.5;

interface Posting {
  /** Index of the phrasing (utterance postings) or intent (centroid postings). */
  doc: number;
  weight: number;
}

/** A labelled document for the index. */
export interface IndexedPhrase {
  intent: string;
  features: FeatureBag;
}

/** The in-memory index; build once, query many times. */
export class IntentIndex {
  readonly intents: readonly string[];
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly phrasePostings = new Map<string, Posting[]>();
  private readonly centroidPostings = new Map<string, Posting[]>();
  /** feature -> intents, weighted by BM25's saturated term frequency times IDF */
  private readonly bm25Postings = new Map<string, Posting[]>();
  private readonly phraseIntent: number[] = [];

  constructor(
    phrases: readonly IndexedPhrase[],
    private readonly blend: BlendWeights = DEFAULT_BLEND,
  ) {
    const intentIds = [...new Set(phrases.map((phrase) => phrase.intent))];
    this.intents = intentIds;
    const intentNumber = new Map(intentIds.map((intent, index) => [intent, index]));

    // Document frequency over intents.
    const intentsWithFeature = new Map<string, Set<number>>();
    for (const phrase of phrases) {
      const intent = intentNumber.get(phrase.intent) as number;
      for (const feature of phrase.features.keys()) {
        let set = intentsWithFeature.get(feature);
        if (set === undefined) intentsWithFeature.set(feature, (set = new Set()));
        set.add(intent);
      }
    }
    const intentCount = intentIds.length;
    for (const [feature, set] of intentsWithFeature) this.idf.set(feature, Math.log(1 + intentCount / set.size));
    this.unknownIdf = Math.log(1 + intentCount) * UNKNOWN_FEATURE_FACTOR;

    // Phrase vectors (unit length) and intent centroids (sum of unit phrase vectors, renormalised).
    const centroids = intentIds.map(() => new Map<string, number>());
    phrases.forEach((phrase, phraseIndex) => {
      const intent = intentNumber.get(phrase.intent) as number;
      this.phraseIntent.push(intent);
      const vector = this.weigh(phrase.features);
      for (const [feature, weight] of vector) {
        this.post(this.phrasePostings, feature, phraseIndex, weight);
        const centroid = centroids[intent] as Map<string, number>;
        centroid.set(feature, (centroid.get(feature) ?? 0) + weight);
      }
    });
    centroids.forEach((centroid, intent) => {
      const norm = Math.sqrt([...centroid.values()].reduce((sum, w) => sum + w * w, 0)) || 1;
      for (const [feature, weight] of centroid) this.post(this.centroidPostings, feature, intent, weight / norm);
    });
    this.indexBm25(phrases, intentNumber);
  }

  /** One BM25 document per intent: all its phrasings together. */
  private indexBm25(phrases: readonly IndexedPhrase[], intentNumber: ReadonlyMap<string, number>): void {
    const termCounts = this.intents.map(() => new Map<string, number>());
    const lengths = new Float64Array(this.intents.length);
    for (const phrase of phrases) {
      const intent = intentNumber.get(phrase.intent) as number;
      const counts = termCounts[intent] as Map<string, number>;
      for (const [feature, count] of phrase.features) {
        counts.set(feature, (counts.get(feature) ?? 0) + count);
        lengths[intent] = (lengths[intent] ?? 0) + count;
      }
    }
    const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, lengths.length);
    termCounts.forEach((counts, intent) => {
      const lengthFactor = 1 - BM25_B + (BM25_B * (lengths[intent] ?? 0)) / (averageLength || 1);
      for (const [feature, tf] of counts) {
        const saturated = (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthFactor);
        this.post(this.bm25Postings, feature, intent, saturated * (this.idf.get(feature) ?? 0));
      }
    });
  }

  private post(postings: Map<string, Posting[]>, feature: string, doc: number, weight: number): void {
    let list = postings.get(feature);
    if (list === undefined) postings.set(feature, (list = []));
    list.push({ doc, weight });
  }

  /** Sublinear TF-IDF, normalised to unit length. */
  private weigh(features: FeatureBag): Map<string, number> {
    const vector = new Map<string, number>();
    let sumOfSquares = 0;
    for (const [feature, count] of features) {
      const weight = (count >= 1 ? 1 + Math.log(count) : count) * (this.idf.get(feature) ?? 0);
      if (weight <= 0) continue;
      vector.set(feature, weight);
      sumOfSquares += weight * weight;
    }
    const norm = Math.sqrt(sumOfSquares) || 1;
    for (const [feature, weight] of vector) vector.set(feature, weight / norm);
    return vector;
  }

  /** True when the index has seen this feature in training. */
  knows(feature: string): boolean {
    return this.idf.has(feature);
  }

  /**
   * Scores every intent for one message, best first.
   *
   * @example index.score(analyser.analyseMessage('who is the senco'))[0] // { intent: 'role-of-senco', nearest: 0.9, ... }
   */
  score(message: FeatureBag): IntentScore[] {
    // Query weights; unknown words count toward the length (so "council tax" is not just "council").
    const query = new Map<string, number>();
    const queryTf = new Map<string, number>();
    let sumOfSquares = 0;
    let bestPossibleBm25 = 0;
    for (const [feature, count] of message) {
      const tf = count >= 1 ? 1 + Math.log(count) : count;
      const idf = this.idf.get(feature) ?? (feature.includes('_') ? 0 : this.unknownIdf);
      const weight = tf * idf;
      if (this.idf.has(feature)) {
        query.set(feature, weight);
        queryTf.set(feature, tf);
      }
      sumOfSquares += weight * weight;
      bestPossibleBm25 += tf * idf * (BM25_K1 + 1);
    }
    const norm = Math.sqrt(sumOfSquares) || 1;

    const phraseDot = new Map<number, number>();
    const centroidDot = new Float64Array(this.intents.length);
    const bm25 = new Float64Array(this.intents.length);
    for (const [feature, weight] of query) {
      for (const { doc, weight: docWeight } of this.phrasePostings.get(feature) ?? []) {
        phraseDot.set(doc, (phraseDot.get(doc) ?? 0) + weight * docWeight);
      }
      for (const { doc, weight: docWeight } of this.centroidPostings.get(feature) ?? []) {
        centroidDot[doc] = (centroidDot[doc] ?? 0) + weight * docWeight;
      }
      const tf = queryTf.get(feature) ?? 0;
      for (const { doc, weight: docWeight } of this.bm25Postings.get(feature) ?? []) {
        bm25[doc] = (bm25[doc] ?? 0) + tf * docWeight;
      }
    }

    const nearest = new Float64Array(this.intents.length);
    const runnerUp = new Float64Array(this.intents.length);
    for (const [phrase, dot] of phraseDot) {
      const intent = this.phraseIntent[phrase] as number;
      const similarity = dot / norm;
      if (similarity > (nearest[intent] ?? 0)) {
        runnerUp[intent] = nearest[intent] ?? 0;
        nearest[intent] = similarity;
      } else if (similarity > (runnerUp[intent] ?? 0)) {
        runnerUp[intent] = similarity;
      }
    }

    const scores: IntentScore[] = this.intents.map((intent, index) => {
      const n = nearest[index] ?? 0;
      const r = runnerUp[index] ?? 0;
      const c = (centroidDot[index] ?? 0) / norm;
      const v = bestPossibleBm25 > 0 ? (bm25[index] ?? 0) / bestPossibleBm25 : 0;
      return {
        intent,
        nearest: n,
        runnerUp: r,
        centroid: c,
        coverage: v,
        combined: this.blend.nearest * n + this.blend.runnerUp * r + this.blend.centroid * c + this.blend.coverage * v,
      };
    });
    return scores.sort((a, b) => b.combined - a.combined);
  }
}
