import { boundedEditDistance } from '../../../src/matching/editDistance';
import { TypoRepairer } from '../../../src/matching/typoRepair';

describe('boundedEditDistance', () => {
  it.each([
    ['catagory', 'category', 3, 1],
    ['aproach', 'approach', 3, 1],
    ['recieve', 'receive', 3, 1],
    ['school', 'school', 3, 0],
    ['psycologist', 'psychologist', 3, 1],
    ['', 'abc', 5, 3],
    ['school', 'council', 1, 2],
    ['tribunal', 'x', 2, 3],
  ])('%s vs %s (limit %i) = %i', (a, b, limit, expected) => {
    expect(boundedEditDistance(a, b, limit)).toBe(expected);
  });
});

describe('TypoRepairer', () => {
  const known = new Map(
    ['assessment', 'category', 'approach', 'difference', 'psychologist', 'tribunal', 'policy', 'sample', 'setting', 'support', 'continence', 'confidential'].map(
      (word) => [word, 1] as [string, number],
    ),
  );
  const repairer = new TypoRepairer(known, new Set(['there']), {}, new Set([...known.keys()].filter((word) => word !== 'continence')));

  it.each([
    ['assesment', 'assessment'],
    ['catagory', 'category'],
    ['aproach', 'approach'],
    ['differance', 'difference'],
    ['pyschologist', 'psychologist'],
    ['tribunel', 'tribunal'],
    ['suppport', 'support'],
  ])('repairs %s -> %s', (typo, expected) => {
    expect(repairer.repair(typo)).toBe(expected);
  });

  it.each([
    ['police', 'a one-letter change in a short word is usually another word (policy)'],
    ['simple', 'sample'],
    ['sitting', 'setting'],
    ['confidence', 'two changed letters in a same-length word (continence), and not a repair target'],
    ['three', 'too short'],
    ['cinema', 'nothing close'],
    ['support', 'already known'],
    ['y6', 'digits'],
  ])('leaves %s alone (%s)', (word) => {
    expect(repairer.repair(word)).toBeNull();
  });

  it('does not offer protected words', () => {
    const withStopword = new TypoRepairer(new Map([['there', 5], ['theres', 1]]), new Set(['there']));
    expect(withStopword.repair('theree')).toBeNull();
  });

  it('answers the same from its cache', () => {
    expect(repairer.repair('assesment')).toBe('assessment');
    expect(repairer.repair('assesment')).toBe('assessment');
  });
});
