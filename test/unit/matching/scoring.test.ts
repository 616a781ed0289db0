import { DEFAULT_THRESHOLDS, decide, toConfidence } from '../../../src/matching/calibration';
import { addFeatures, stem, type FeatureBag } from '../../../src/matching/features';
import { LinearModel } from '../../../src/matching/linearModel';
import { IntentIndex, type IntentScore } from '../../../src/matching/scorer';
import { DEFAULT_SHORT_FORM, shortFormDamping, shortFormIntents } from '../../../src/matching/shortForm';

const bag = (...words: string[]): FeatureBag => {
  const features: FeatureBag = new Map();
  addFeatures(words, 1, features);
  return features;
};

describe('features', () => {
  it('stems content words, drops stopwords and adds bigrams', () => {
    expect([...bag('how', 'long', 'does', 'the', 'assessment', 'take').keys()]).toEqual([
      'how',
      'long',
      'how_long',
      'assess',
      'long_assess',
      'take',
      'assess_take',
    ]);
    expect(stem('assessments')).toBe('assess');
  });
});

describe('IntentIndex', () => {
  const index = new IntentIndex([
    { intent: 'a', features: bag('senco', 'role') },
    { intent: 'a', features: bag('who', 'senco') },
    { intent: 'b', features: bag('ehc', 'plan', 'deadline') },
    { intent: 'b', features: bag('how', 'long', 'ehc', 'plan') },
  ]);

  it('ranks the intent that shares the words first, with scores in 0..1', () => {
    const [best, second] = index.score(bag('who', 'is', 'the', 'senco'));
    expect(best?.intent).toBe('a');
    expect(second?.intent).toBe('b');
    for (const value of [best?.nearest, best?.centroid, best?.coverage, best?.probability, best?.combined]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('scores a message of unknown words near zero', () => {
    expect(index.score(bag('bins', 'collection'))[0]?.nearest).toBe(0);
  });

  it('gives no out-of-scope chance without an out-of-scope list', () => {
    expect(index.rank(bag('who', 'senco')).outOfScope).toBe(0);
  });

  it('weighs "any topic" against the out-of-scope list with a second model', () => {
    const withList = new IntentIndex(
      [
        { intent: 'a', features: bag('senco', 'role') },
        { intent: 'a', features: bag('who', 'senco') },
        { intent: 'b', features: bag('ehc', 'plan', 'deadline') },
        { intent: 'oos', features: bag('bins', 'collection') },
        { intent: 'oos', features: bag('council', 'tax', 'band') },
      ],
      undefined,
      undefined,
      new Set(['oos']),
    );
    expect(withList.rank(bag('bins', 'day')).outOfScope).toBeGreaterThan(0.5);
    expect(withList.rank(bag('who', 'senco')).outOfScope).toBeLessThan(0.5);
  });
});

describe('LinearModel', () => {
  it('learns to separate two classes', () => {
    const vector = (ids: number[]) => ({ ids: Int32Array.from(ids), values: Float64Array.from(ids, () => 1 / Math.sqrt(ids.length)) });
    const samples = [vector([0, 1]), vector([0, 2]), vector([3, 4]), vector([3, 5])];
    const model = LinearModel.train(samples, [0, 0, 1, 1], 6, 2, { epochs: 60, learningRate: 1, l2: 0, seed: 1 });
    expect(model.predict(vector([1]))[0]).toBeGreaterThan(0.8);
    expect(model.predict(vector([4]))[1]).toBeGreaterThan(0.8);
  });
});

describe('short-form topics', () => {
  it('are the topics trained on one- or two-word phrasings', () => {
    const phrases = [
      { intent: 'goodbye', features: bag('bye') },
      { intent: 'goodbye', features: bag('see', 'you') },
      { intent: 'goodbye', features: bag('done') },
      { intent: 'senco', features: bag('who', 'is', 'the', 'school', 'senco', 'for', 'my', 'child') },
    ];
    expect([...shortFormIntents(phrases)]).toEqual(['goodbye']);
  });

  it.each([
    [2, 1],
    [4, 1],
    [8, (4 / 8) ** DEFAULT_SHORT_FORM.power],
  ])('a %i-word message keeps %f of a short-form score', (words, factor) => {
    expect(shortFormDamping(words)).toBeCloseTo(factor);
  });
});

describe('decisions', () => {
  const score = (intent: string, combined: number): IntentScore => ({
    intent,
    nearest: combined,
    runnerUp: combined,
    centroid: combined,
    coverage: combined,
    probability: combined,
    combined,
  });

  it('maps the blend to a rising confidence in 0..1', () => {
    expect(toConfidence(0)).toBeLessThan(0.15);
    expect(toConfidence(0.29)).toBeCloseTo(0.5, 1);
    expect(toConfidence(0.8)).toBeGreaterThan(0.95);
  });

  it.each([
    ['answer', [score('a', 0.7), score('b', 0.2)], undefined],
    ['clarify', [score('a', 0.6), score('b', 0.55)], undefined],
    ['fallback', [score('a', 0.1), score('b', 0.05)], undefined],
    ['fallback', [score('a', 0.5)], score('oos', 0.5)],
    ['answer', [score('a', 0.7)], score('oos', 0.2)],
    ['fallback', [], undefined],
  ] as const)('%s for %j', (decision, inScope, outOfScope) => {
    expect(decide(inScope, outOfScope, DEFAULT_THRESHOLDS)).toBe(decision);
  });

  it('falls back when the in-scope / out-of-scope model says out of scope, however good the topic score', () => {
    const clear = [score('a', 0.7), score('b', 0.2)];
    expect(decide(clear, undefined, DEFAULT_THRESHOLDS, 3, DEFAULT_THRESHOLDS.outOfScopeProbability - 0.01)).toBe('answer');
    expect(decide(clear, undefined, DEFAULT_THRESHOLDS, 3, DEFAULT_THRESHOLDS.outOfScopeProbability)).toBe('fallback');
  });
});
