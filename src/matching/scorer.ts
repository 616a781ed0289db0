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

/** Training settings of the in-scope / out-of-scope model (swept on the development sets: flat around these). */
const SCOPE_MODEL_OPTIONS: LinearModelOptions = { epochs: 6, learningRate: 1, l2: 1e-4, seed: 7 };

/** A message's scores: every intent's, best first, and the chance it is out of scope. */
export interface MessageScores {
  scores: IntentScore[];
  /** 0..1 from the in-scope / out-of-scope model; 0 when the index has no out-of-scope phrasings. */
  outOfScope: number;
}

/** BM25 term-frequency saturation and length normalisation (the usual values). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;

/**
 * Postings of every feature in one flat list (compressed sparse rows): the documents holding
 * feature f, with the feature's weight in each, are at offsets[f] .. offsets[f + 1]. Three flat
 * arrays instead of a pair of small arrays per feature: an index has ~10,000 features (stems and
 * bigrams), and allocating that many small typed arrays dominated the build.
 */
interface Postings {
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
}

/** A labelled document for the index. */
export interface IndexedPhrase {
  intent: string;
  features: FeatureBag;
}

/** A phrase's features as parallel arrays of feature ids and counts. */
interface PhraseRow {
  ids: Int32Array;
  counts: Float64Array;
}

/** Postings of documents given as sparse vectors (zeros skipped); documents ascend within a feature. */
function postingsOf(documents: readonly SparseVector[], featureCount: number): Postings {
  const offsets = new Int32Array(featureCount + 1);
  for (const document of documents) {
    for (let k = 0; k < document.ids.length; k++) {
      if (document.values[k] !== 0) offsets[(document.ids[k] as number) + 1] = (offsets[(document.ids[k] as number) + 1] as number) + 1;
    }
  }
  for (let f = 0; f < featureCount; f++) offsets[f + 1] = (offsets[f + 1] as number) + (offsets[f] as number);
  const fill = offsets.slice(0, featureCount);
  const docs = new Int32Array(offsets[featureCount] as number);
  const weights = new Float64Array(docs.length);
  documents.forEach((document, doc) => {
    for (let k = 0; k < document.ids.length; k++) {
      const value = document.values[k] as number;
      if (value === 0) continue;
      const id = document.ids[k] as number;
      const at = fill[id] as number;
      docs[at] = doc;
      weights[at] = value;
      fill[id] = at + 1;
    }
  });
  return { offsets, docs, weights };
}

/** Sublinear term frequency: 1 + ln(count) for whole counts, the weight itself below 1 (story sentences). */
function sublinear(count: number): number {
  return count >= 1 ? 1 + Math.log(count) : count;
}

/**
 * The in-memory index; build once, query many times. `score` reuses scratch buffers, which is
 * safe because it is synchronous: JavaScript never runs two calls at once.
 */
export class IntentIndex {
  readonly intents: readonly string[];
  private readonly featureIds = new Map<string, number>();
  private readonly idf: Float64Array;
  private readonly phrasePostings: Postings;
  private readonly centroidPostings: Postings;
  private readonly bm25Postings: Postings;
  private readonly unknownIdf: number;
  private readonly phraseIntent: Int32Array;
  // Scratch buffers reused by every `score` call, so classifying allocates little (fewer GC pauses).
  private readonly phraseDot: Float64Array;
  private readonly touched: Int32Array;
  private readonly model: LinearModel;
  /** In scope or not: trained only when there are mixed intents (the out-of-scope list). */
  private readonly scopeModel: LinearModel | undefined;
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
    const intentCount = intentIds.length;
    this.intents = intentIds;
    const intentNumber = new Map(intentIds.map((intent, index) => [intent, index]));
    this.phraseIntent = Int32Array.from(phrases, (phrase) => intentNumber.get(phrase.intent) as number);
    this.mixed = Uint8Array.from(intentIds, (intent) => (mixedIntents.has(intent) ? 1 : 0));
    this.phraseDot = new Float64Array(phrases.length);
    this.touched = new Int32Array(phrases.length);

    // Feature ids in first-seen order; each phrase as arrays of ids and counts.
    const rows: PhraseRow[] = phrases.map((phrase) => {
      const ids = new Int32Array(phrase.features.size);
      const counts = new Float64Array(phrase.features.size);
      let k = 0;
      for (const [feature, count] of phrase.features) {
        let id = this.featureIds.get(feature);
        if (id === undefined) this.featureIds.set(feature, (id = this.featureIds.size));
        ids[k] = id;
        counts[k] = count;
        k++;
      }
      return { ids, counts };
    });
    const featureCount = this.featureIds.size;

    // IDF over intents: ln(1 + intents / intents using the feature). A word every topic uses
    // ("school", "child") tells them apart no better than a stopword.
    const seenIn = new Uint8Array(featureCount * intentCount);
    const intentsUsing = new Int32Array(featureCount);
    rows.forEach((row, index) => {
      const intent = this.phraseIntent[index] as number;
      for (const id of row.ids) {
        if (seenIn[id * intentCount + intent]) continue;
        seenIn[id * intentCount + intent] = 1;
        intentsUsing[id] = (intentsUsing[id] as number) + 1;
      }
    });
    this.idf = Float64Array.from(intentsUsing, (count) => Math.log(1 + intentCount / count));
    this.unknownIdf = Math.log(1 + intentCount) * UNKNOWN_FEATURE_FACTOR;

    // Sublinear TF-IDF unit vectors of the phrases: the linear model's samples and the phrase postings.
    const samples: SparseVector[] = rows.map((row) => {
      const values = new Float64Array(row.ids.length);
      let sumOfSquares = 0;
      for (let k = 0; k < row.ids.length; k++) {
        const weight = sublinear(row.counts[k] as number) * (this.idf[row.ids[k] as number] as number);
        values[k] = weight > 0 ? weight : 0;
        sumOfSquares += (values[k] as number) * (values[k] as number);
      }
      const norm = Math.sqrt(sumOfSquares) || 1;
      for (let k = 0; k < values.length; k++) values[k] = (values[k] as number) / norm;
      return { ids: row.ids, values };
    });
    this.phrasePostings = postingsOf(samples, featureCount);

    // Intent centroids (the sum of each intent's unit phrase vectors, renormalised) and BM25 with one
    // document per intent (all its phrasings together), accumulated in intents x features matrices;
    // each intent's used features are listed (ascending) so the passes after skip the zeros.
    const centroids = new Float64Array(intentCount * featureCount);
    const termCounts = new Float64Array(intentCount * featureCount);
    const lengths = new Float64Array(intentCount);
    const used: number[][] = Array.from({ length: intentCount }, () => []);
    samples.forEach((sample, index) => {
      const intent = this.phraseIntent[index] as number;
      const row = intent * featureCount;
      const counts = (rows[index] as PhraseRow).counts;
      for (let k = 0; k < sample.ids.length; k++) {
        const id = sample.ids[k] as number;
        if (termCounts[row + id] === 0) (used[intent] as number[]).push(id);
        centroids[row + id] = (centroids[row + id] as number) + (sample.values[k] as number);
        termCounts[row + id] = (termCounts[row + id] as number) + (counts[k] as number);
        lengths[intent] = (lengths[intent] as number) + (counts[k] as number);
      }
    });
    const usedSorted = used.map((ids) => Int32Array.from(ids).sort());
    const averageLength = lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, intentCount) || 1;
    for (let intent = 0; intent < intentCount; intent++) {
      const row = intent * featureCount;
      const ids = usedSorted[intent] as Int32Array;
      let sumOfSquares = 0;
      for (const f of ids) sumOfSquares += (centroids[row + f] as number) * (centroids[row + f] as number);
      const norm = Math.sqrt(sumOfSquares) || 1;
      const lengthFactor = 1 - BM25_B + (BM25_B * (lengths[intent] as number)) / averageLength;
      for (const f of ids) {
        centroids[row + f] = (centroids[row + f] as number) / norm;
        const tf = termCounts[row + f] as number;
        termCounts[row + f] = ((tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthFactor)) * (this.idf[f] as number);
      }
    }
    const perIntent = (matrix: Float64Array): SparseVector[] =>
      usedSorted.map((ids, intent) => ({ ids, values: Float64Array.from(ids, (f) => matrix[intent * featureCount + f] as number) }));
    this.centroidPostings = postingsOf(perIntent(centroids), featureCount);
    this.bm25Postings = postingsOf(perIntent(termCounts), featureCount);

    // The softmax sees every other out-of-scope phrasing: balanced class weights give that class one
    // topic's worth of weight however many phrasings it has, so the rest only cost build time (the
    // two-class model below learns from all of them). Same development-set decisions as all of them.
    const keepForSoftmax = samples.map((_, index) => !this.mixed[this.phraseIntent[index] as number] || index % 2 === 0);
    this.model = LinearModel.train(
      samples.filter((_, index) => keepForSoftmax[index]),
      Array.from(this.phraseIntent).filter((_, index) => keepForSoftmax[index]),
      featureCount,
      intentCount,
      linearOptions,
    );
    // The softmax above gives the out-of-scope list one class's weight among forty; a second, two-class
    // model weighs "any topic" against "none of them" evenly, which separates questions that merely
    // share a topic's words ("how much does a private ed psych report cost") better.
    this.scopeModel = this.mixed.includes(1)
      ? LinearModel.train(samples, Array.from(this.phraseIntent, (intent) => this.mixed[intent] as number), featureCount, 2, SCOPE_MODEL_OPTIONS)
      : undefined;
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
    return this.rank(message).scores;
  }

  /**
   * Scores every intent for one message, best first, and the chance the message is out of scope.
   *
   * @example index.rank(analyser.analyseMessage('whats the weather tomorrow')).outOfScope // 0.98
   */
  rank(message: FeatureBag): MessageScores {
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

    const phrasePostings = this.phrasePostings;
    const centroidPostings = this.centroidPostings;
    const bm25Postings = this.bm25Postings;
    for (const [feature, count] of message) {
      const tf = sublinear(count);
      const id = this.featureIds.get(feature);
      // Unknown words still count toward the message's length, so "council tax" is not just "council".
      const idf = id === undefined ? (feature.includes('_') ? 0 : this.unknownIdf) : (this.idf[id] as number);
      const weight = tf * idf;
      sumOfSquares += weight * weight;
      bestPossibleBm25 += weight * (BM25_K1 + 1);
      if (id === undefined) continue;
      knownIds.push(id);
      knownWeights.push(weight);

      for (let i = phrasePostings.offsets[id] as number, end = phrasePostings.offsets[id + 1] as number; i < end; i++) {
        const doc = phrasePostings.docs[i] as number;
        if (phraseDot[doc] === 0) touched[touchedCount++] = doc;
        phraseDot[doc] = (phraseDot[doc] as number) + weight * (phrasePostings.weights[i] as number);
      }
      for (let i = centroidPostings.offsets[id] as number, end = centroidPostings.offsets[id + 1] as number; i < end; i++) {
        const doc = centroidPostings.docs[i] as number;
        centroidDot[doc] = (centroidDot[doc] as number) + weight * (centroidPostings.weights[i] as number);
      }
      for (let i = bm25Postings.offsets[id] as number, end = bm25Postings.offsets[id + 1] as number; i < end; i++) {
        const doc = bm25Postings.docs[i] as number;
        bm25[doc] = (bm25[doc] as number) + tf * (bm25Postings.weights[i] as number);
      }
    }
    const norm = Math.sqrt(sumOfSquares) || 1;
    const vector: SparseVector = { ids: Int32Array.from(knownIds), values: Float64Array.from(knownWeights, (weight) => weight / norm) };
    const probabilities = this.model.predict(vector);
    const outOfScope = this.scopeModel?.predict(vector)[1] ?? 0;

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
    return { scores: scores.sort((a, b) => b.combined - a.combined), outOfScope };
  }
}
