/**
 * A small multinomial logistic regression (softmax) over the same sparse TF-IDF vectors the
 * similarity scorer uses. Similarity says "this message looks like that phrasing"; the linear
 * model learns which words tell two neighbouring topics apart ("how long" -> timescales, "get an
 * ehcp" -> needs assessment) and gives probabilities that sum to 1 across topics.
 *
 * Own implementation (natural's LogisticRegressionClassifier trains far too slowly): plain SGD
 * with a decaying step, L2 shrinkage on the weights a phrase touches, balanced class weights,
 * and a fixed-seed shuffle so a build is reproducible. ~3,900 phrasings over 40 classes train in
 * about 40-60 ms here.
 */

/** A sparse vector: feature ids and values, same length. */
export interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

/** Training settings. */
export interface LinearModelOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /**
   * Classes whose gradient for a phrasing is smaller than this are not updated for it (default
   * 0.001). Updating the weights is much of the training time; the matcher uses 0.02.
   */
  gradientSkip?: number;
  /**
   * From the second pass on, a phrasing whose own class got at least this probability the last
   * time it was seen sits out one pass (it is looked at again the pass after). Off when absent.
   */
  restAbove?: number;
}

/**
 * The matcher's settings. The content grew to ~3,900 phrasings and training is most of the build, so
 * it does only the work that changes decisions: 4 passes, updates under a 2% gradient skipped, and
 * phrasings already at 60% for their topic resting every other pass. Against 12 passes with none of
 * these shortcuts, 2 of the 617 development-set decisions differ and the accuracy is the same.
 */
export const DEFAULT_LINEAR_OPTIONS: LinearModelOptions = { epochs: 4, learningRate: 1.0, l2: 1e-4, seed: 7, gradientSkip: 2e-2, restAbove: 0.6 };

/** Deterministic pseudo-random numbers (mulberry32), for a reproducible shuffle. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax in place; returns the array. */
function softmax(scores: Float64Array): Float64Array {
  const length = scores.length;
  let max = -Infinity;
  for (let c = 0; c < length; c++) if ((scores[c] as number) > max) max = scores[c] as number;
  let sum = 0;
  for (let c = 0; c < length; c++) {
    const shifted = (scores[c] as number) - max;
    // exp(-30) is ~1e-13: not worth computing.
    const e = shifted < -30 ? 0 : Math.exp(shifted);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < length; c++) scores[c] = (scores[c] as number) / sum;
  return scores;
}

/** A trained softmax model over `classCount` classes and `featureCount` features. */
export class LinearModel {
  /** Row-major weights: feature f, class c at f * classCount + c. */
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  private constructor(
    private readonly featureCount: number,
    private readonly classCount: number,
  ) {
    this.weights = new Float32Array(featureCount * classCount);
    this.bias = new Float64Array(classCount);
  }

  /**
   * Trains on labelled sparse vectors.
   *
   * @example LinearModel.train([{ids, values}], [0], 1200, 40)
   */
  static train(
    samples: readonly SparseVector[],
    labels: readonly number[],
    featureCount: number,
    classCount: number,
    options: LinearModelOptions = DEFAULT_LINEAR_OPTIONS,
  ): LinearModel {
    const model = new LinearModel(featureCount, classCount);
    // Balanced class weights: the out-of-scope list is far longer than one topic's phrasings.
    const perClass = new Float64Array(classCount);
    for (const label of labels) perClass[label] = (perClass[label] as number) + 1;
    const meanPerClass = labels.length / Math.max(1, perClass.filter((count) => count > 0).length);
    const classWeight = Float64Array.from(perClass, (count) => (count > 0 ? meanPerClass / count : 0));

    const gradientSkip = options.gradientSkip ?? 1e-3;
    const restAbove = options.restAbove ?? Number.POSITIVE_INFINITY;
    const lastProbability = new Float32Array(samples.length);
    const random = seededRandom(options.seed);
    const order = Int32Array.from(samples, (_, index) => index);
    const probabilities = new Float64Array(classCount);
    const activeClasses = new Int32Array(classCount);
    const activeSteps = new Float64Array(classCount);
    const weights = model.weights;
    const bias = model.bias;
    let step = 0;
    const totalSteps = options.epochs * samples.length;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const swap = order[i] as number;
        order[i] = order[j] as number;
        order[j] = swap;
      }
      for (let position = 0; position < order.length; position++) {
        const index = order[position] as number;
        const sample = samples[index] as SparseVector;
        const ids = sample.ids;
        const values = sample.values;
        const label = labels[index] as number;
        const rate = (options.learningRate * (1 - step / totalSteps) + 0.01) * (classWeight[label] as number);
        step++;
        if (epoch > 0 && (lastProbability[index] as number) >= restAbove) {
          lastProbability[index] = 0;
          continue;
        }
        // The linear scores, as rawScores computes them but inline: a call per step cost about a
        // quarter of the training time, and this loop is most of the matcher's build.
        probabilities.set(bias);
        for (let k = 0; k < ids.length; k++) {
          const base = (ids[k] as number) * classCount;
          const value = values[k] as number;
          for (let c = 0; c < classCount; c++) probabilities[c] = (probabilities[c] as number) + value * (weights[base + c] as number);
        }
        softmax(probabilities);
        lastProbability[index] = probabilities[label] as number;
        // Gradient of cross-entropy is p - onehot. Classes the model already rules out barely move:
        // only the others are updated, which makes training several times faster.
        let activeCount = 0;
        for (let c = 0; c < classCount; c++) {
          const gradient = (probabilities[c] as number) - (c === label ? 1 : 0);
          if (gradient > -gradientSkip && gradient < gradientSkip) continue;
          bias[c] = (bias[c] as number) - rate * gradient * 0.1;
          activeClasses[activeCount] = c;
          activeSteps[activeCount] = rate * gradient;
          activeCount++;
        }
        const shrink = 1 - rate * options.l2;
        for (let k = 0; k < ids.length; k++) {
          const base = (ids[k] as number) * classCount;
          const value = values[k] as number;
          for (let a = 0; a < activeCount; a++) {
            const at = base + (activeClasses[a] as number);
            weights[at] = (weights[at] as number) * shrink - (activeSteps[a] as number) * value;
          }
        }
      }
    }
    return model;
  }

  /** Linear scores into `out` (length classCount). */
  private rawScores(vector: SparseVector, out: Float64Array): void {
    out.set(this.bias);
    const classCount = this.classCount;
    for (let k = 0; k < vector.ids.length; k++) {
      const id = vector.ids[k] as number;
      if (id >= this.featureCount) continue;
      const value = vector.values[k] as number;
      const base = id * classCount;
      for (let c = 0; c < classCount; c++) out[c] = (out[c] as number) + value * (this.weights[base + c] as number);
    }
  }

  /** Class probabilities for one vector (sums to 1). */
  predict(vector: SparseVector): Float64Array {
    const out = new Float64Array(this.classCount);
    this.rawScores(vector, out);
    return softmax(out);
  }
}
