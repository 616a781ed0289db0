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
 * - `probability`: the linear model's (softmax) probability for the intent (see linearModel.ts).
 * IDF is computed over intents, not phrasings: a word used by every topic ("school", "child")
 * tells them apart no better than a stopword.
 */
import type { FeatureBag } from './features';
import { DEFAULT_LINEAR_OPTIONS, LinearModel, type LinearModelOptions, type SparseVector } from './linearModel';

/** One intent's raw similarity scores, each 0..1. */
export interface IntentScore {
  intent: string;
  nearest: number;
  runnerUp: number;
  centroid: number;
  coverage: number;
  probability: number;
  /** The blend that ranks intents (see `BlendWeights`). */
  combined: number;
}

/** Weights of the blend; they sum to 1 so `combined` stays within 0..1. */
export interface BlendWeights {
  nearest: number;
  runnerUp: number;
  centroid: number;
  coverage: number;
  probability: number;
}

export const DEFAULT_BLEND: BlendWeights = { nearest: 0.2, runnerUp: 0.1, centroid: 0.15, coverage: 0.15, probability: 0.4 };

/** How much a word never seen in training counts in the message's length (0 = ignored). */
export const UNKNOWN_FEATURE_FACTOR = 0.8;

/** BM25 term-frequency saturation and length normalisation (the usual values). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

/** Documents holding one feature, with the feature's weight in each (parallel typed arrays). */
interface PostingList {
  docs: Int32Array;
  weights: Float64Array;
}

/** Everything the index knows about one feature: one map lookup per message word. */
interface FeatureEntry {
  id: number;
  idf: number;
  phrases: PostingList;
  centroids: PostingList;
  bm25: PostingList;
}

/** A labelled document for the index. */
export interface IndexedPhrase {
  intent: string;
  features: FeatureBag;
}

type PostingDraft = Map<string, { docs: number[]; weights: number[] }>;

function addPosting(draft: PostingDraft, feature: string, doc: number, weight: number): void {
  let list = draft.get(feature);
  if (list === undefined) draft.set(feature, (list = { docs: [], weights: [] }));
  list.docs.push(doc);
  list.weights.push(weight);
}

const EMPTY_POSTINGS: PostingList = { docs: new Int32Array(0), weights: new Float64Array(0) };

function freeze(draft: PostingDraft, feature: string): PostingList {
  const list = draft.get(feature);
  return list ? { docs: Int32Array.from(list.docs), weights: Float64Array.from(list.weights) } : EMPTY_POSTINGS;
}

/** Inverse document frequency over intents: ln(1 + intents / intents using the feature). */
function intentIdf(phrases: readonly IndexedPhrase[], phraseIntent: Int32Array, intentCount: number): Map<string, number> {
  const intentsWithFeature = new Map<string, Set<number>>();
  phrases.forEach((phrase, index) => {
    for (const feature of phrase.features.keys()) {
      let set = intentsWithFeature.get(feature);
      if (set === undefined) intentsWithFeature.set(feature, (set = new Set()));
      set.add(phraseIntent[index] as number);
    }
  });
  const idf = new Map<string, number>();
  for (const [feature, set] of intentsWithFeature) idf.set(feature, Math.log(1 + intentCount / set.size));
  return idf;
}

/** Sublinear TF-IDF, normalised to unit length. */
function unitVector(features: FeatureBag, idf: ReadonlyMap<string, number>): Map<string, number> {
  const vector = new Map<string, number>();
  let sumOfSquares = 0;
  for (const [feature, count] of features) {
    const weight = (count >= 1 ? 1 + Math.log(count) : count) * (idf.get(feature) ?? 0);
    if (weight <= 0) continue;
    vector.set(feature, weight);
    sumOfSquares += weight * weight;
  }
  const norm = Math.sqrt(sumOfSquares) || 1;
  for (const [feature, weight] of vector) vector.set(feature, weight / norm);
  return vector;
}

/** Intent centroids: the sum of each intent's unit phrase vectors, renormalised. */
function centroidPostings(vectors: readonly Map<string, number>[], phraseIntent: Int32Array, intentCount: number): PostingDraft {
  const centroids = Array.from({ length: intentCount }, () => new Map<string, number>());
  vectors.forEach((vector, index) => {
    const centroid = centroids[phraseIntent[index] as number] as Map<string, number>;
    for (const [feature, weight] of vector) centroid.set(feature, (centroid.get(feature) ?? 0) + weight);
  });
  const draft: PostingDraft = new Map();
  centroids.forEach((centroid, intent) => {
    const norm = Math.sqrt([...centroid.values()].reduce((sum, w) => sum + w * w, 0)) || 1;
    for (const [feature, weight] of centroid) addPosting(draft, feature, intent, weight / norm);
  });
  return draft;
}

/** BM25 weights with one document per intent: all its phrasings together. */
function bm25Postings(phrases: readonly IndexedPhrase[], phraseIntent: Int32Array, intentCount: number, idf: ReadonlyMap<string, number>): PostingDraft {
  const termCounts = Array.from({ length: intentCount }, () => new Map<string, number>());
  const lengths = new Float64Array(intentCount);
  phrases.forEach((phrase, index) => {
    const intent = phraseIntent[index] as number;
    const counts = termCounts[intent] as Map<string, number>;
    for (const [feature, count] of phrase.features) {
      counts.set(feature, (counts.get(feature) ?? 0) + count);
      lengths[intent] = (lengths[intent] as number) + count;
    }
  });
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, intentCount) || 1;
  const draft: PostingDraft = new Map();
  termCounts.forEach((counts, intent) => {
    const lengthFactor = 1 - BM25_B + (BM25_B * (lengths[intent] as number)) / averageLength;
    for (const [feature, tf] of counts) {
      const saturated = (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthFactor);
      addPosting(draft, feature, intent, saturated * (idf.get(feature) ?? 0));
    }
  });
  return draft;
}

/**
 * The in-memory index; build once, query many times. `score` reuses scratch buffers, which is
 * safe because it is synchronous: JavaScript never runs two calls at once.
 */
export class IntentIndex {
  readonly intents: readonly string[];
  private readonly features = new Map<string, FeatureEntry>();
  private readonly unknownIdf: number;
  private readonly phraseIntent: Int32Array;
  // Scratch buffers reused by every `score` call, so classifying allocates little (fewer GC pauses).
  private readonly phraseDot: Float64Array;
  private readonly touched: Int32Array;
  private readonly model: LinearModel;
  private readonly mixed: Uint8Array;

  /**
   * @param phrases the labelled phrasings
   * @param blend how the scores combine
   * @param linearOptions training settings of the linear model
   * @param mixedIntents intents whose phrasings share no common topic (the out-of-scope list): their
   *   centroid and whole-document BM25 mean nothing, so they are ranked on the other scores only
   */
  constructor(
    phrases: readonly IndexedPhrase[],
    private readonly blend: BlendWeights = DEFAULT_BLEND,
    linearOptions: LinearModelOptions = DEFAULT_LINEAR_OPTIONS,
    mixedIntents: ReadonlySet<string> = new Set(),
  ) {
    const intentIds = [...new Set(phrases.map((phrase) => phrase.intent))];
    this.intents = intentIds;
    const intentNumber = new Map(intentIds.map((intent, index) => [intent, index]));
    this.phraseIntent = Int32Array.from(phrases, (phrase) => intentNumber.get(phrase.intent) as number);
    this.mixed = Uint8Array.from(intentIds, (intent) => (mixedIntents.has(intent) ? 1 : 0));
    this.phraseDot = new Float64Array(phrases.length);
    this.touched = new Int32Array(phrases.length);

    const idf = intentIdf(phrases, this.phraseIntent, intentIds.length);
    this.unknownIdf = Math.log(1 + intentIds.length) * UNKNOWN_FEATURE_FACTOR;
    const featureIds = new Map<string, number>();
    for (const feature of idf.keys()) featureIds.set(feature, featureIds.size);

    const vectors = phrases.map((phrase) => unitVector(phrase.features, idf));
    const phraseDraft: PostingDraft = new Map();
    vectors.forEach((vector, index) => {
      for (const [feature, weight] of vector) addPosting(phraseDraft, feature, index, weight);
    });
    const centroidDraft = centroidPostings(vectors, this.phraseIntent, intentIds.length);
    const bm25Draft = bm25Postings(phrases, this.phraseIntent, intentIds.length, idf);
    const samples: SparseVector[] = vectors.map((vector) => ({
      ids: Int32Array.from(vector.keys(), (feature) => featureIds.get(feature) as number),
      values: Float64Array.from(vector.values()),
    }));
    this.model = LinearModel.train(samples, Array.from(this.phraseIntent), featureIds.size, intentIds.length, linearOptions);

    for (const [feature, featureIdf] of idf) {
      this.features.set(feature, {
        id: featureIds.get(feature) as number,
        idf: featureIdf,
        phrases: freeze(phraseDraft, feature),
        centroids: freeze(centroidDraft, feature),
        bm25: freeze(bm25Draft, feature),
      });
    }
  }

  private blendAll(n: number, r: number, c: number, v: number, p: number): number {
    const b = this.blend;
    return b.nearest * n + b.runnerUp * r + b.centroid * c + b.coverage * v + b.probability * p;
  }

  /** The blend without centroid and coverage, rescaled to the same 0..1 range. */
  private blendWithoutTopicScores(n: number, r: number, p: number): number {
    const b = this.blend;
    const total = b.nearest + b.runnerUp + b.probability;
    return total > 0 ? (b.nearest * n + b.runnerUp * r + b.probability * p) / total : 0;
  }

  /**
   * Scores every intent for one message, best first.
   *
   * @example index.score(analyser.analyseMessage('who is the senco'))[0] // { intent: 'role-of-senco', nearest: 0.9, ... }
   */
  score(message: FeatureBag): IntentScore[] {
    const intentCount = this.intents.length;
    const centroidDot = new Float64Array(intentCount);
    const bm25 = new Float64Array(intentCount);
    const phraseDot = this.phraseDot;
    const touched = this.touched;
    let touchedCount = 0;
    let sumOfSquares = 0;
    let bestPossibleBm25 = 0;
    const knownIds: number[] = [];
    const knownWeights: number[] = [];

    for (const [feature, count] of message) {
      const tf = count >= 1 ? 1 + Math.log(count) : count;
      const entry = this.features.get(feature);
      // Unknown words still count toward the message's length, so "council tax" is not just "council".
      const idf = entry?.idf ?? (feature.includes('_') ? 0 : this.unknownIdf);
      const weight = tf * idf;
      sumOfSquares += weight * weight;
      bestPossibleBm25 += weight * (BM25_K1 + 1);
      if (entry === undefined) continue;
      knownIds.push(entry.id);
      knownWeights.push(weight);

      const { docs: phraseDocs, weights: phraseWeights } = entry.phrases;
      for (let i = 0; i < phraseDocs.length; i++) {
        const doc = phraseDocs[i] as number;
        if (phraseDot[doc] === 0) touched[touchedCount++] = doc;
        phraseDot[doc] = (phraseDot[doc] as number) + weight * (phraseWeights[i] as number);
      }
      const { docs: centroidDocs, weights: centroidWeights } = entry.centroids;
      for (let i = 0; i < centroidDocs.length; i++) {
        const doc = centroidDocs[i] as number;
        centroidDot[doc] = (centroidDot[doc] as number) + weight * (centroidWeights[i] as number);
      }
      const { docs: bm25Docs, weights: bm25Weights } = entry.bm25;
      for (let i = 0; i < bm25Docs.length; i++) {
        const doc = bm25Docs[i] as number;
        bm25[doc] = (bm25[doc] as number) + tf * (bm25Weights[i] as number);
      }
    }
    const norm = Math.sqrt(sumOfSquares) || 1;
    const probabilities = this.model.predict({
      ids: Int32Array.from(knownIds),
      values: Float64Array.from(knownWeights, (weight) => weight / norm),
    });

    const nearest = new Float64Array(intentCount);
    const runnerUp = new Float64Array(intentCount);
    for (let t = 0; t < touchedCount; t++) {
      const phrase = touched[t] as number;
      const similarity = (phraseDot[phrase] as number) / norm;
      phraseDot[phrase] = 0;
      const intent = this.phraseIntent[phrase] as number;
      if (similarity > (nearest[intent] as number)) {
        runnerUp[intent] = nearest[intent] as number;
        nearest[intent] = similarity;
      } else if (similarity > (runnerUp[intent] as number)) {
        runnerUp[intent] = similarity;
      }
    }

    const scores: IntentScore[] = new Array(intentCount);
    for (let index = 0; index < intentCount; index++) {
      const n = nearest[index] as number;
      const r = runnerUp[index] as number;
      const c = (centroidDot[index] as number) / norm;
      const v = bestPossibleBm25 > 0 ? (bm25[index] as number) / bestPossibleBm25 : 0;
      const p = probabilities[index] as number;
      scores[index] = {
        intent: this.intents[index] as string,
        nearest: n,
        runnerUp: r,
        centroid: c,
        coverage: v,
        probability: p,
        combined: this.mixed[index] ? this.blendWithoutTopicScores(n, r, p) : this.blendAll(n, r, c, v, p),
      };
    }
    return scores.sort((a, b) => b.combined - a.combined);
  }
}
