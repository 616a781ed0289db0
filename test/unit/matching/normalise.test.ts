import { cleanText, splitSentences, tokenise } from '../../../src/matching/normalise';
import { sentenceWeights, QUESTION_WEIGHT, STORY_WEIGHT } from '../../../src/matching/sentenceWeights';

describe('cleanText', () => {
  it.each([
    ["What's an EHCP?", 'whats an ehcp?'],
    ['my son’s SENCo', 'my sons senco'],
    ["he's recognized as autistic", 'hes recognised as autistic'],
    ['organizations', 'organisations'],
    ['analyze', 'analyse'],
    ['size and prize stay', 'size and prize stay'],
    ['café', 'cafe'],
  ])('%s -> %s', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('tokenise', () => {
  it('splits on anything that is not a letter or digit', () => {
    expect(tokenise('1:1 help, co-ordinator! y6')).toEqual(['1', '1', 'help', 'co', 'ordinator', 'y6']);
  });
});

describe('splitSentences', () => {
  it('splits a story from its question and marks the question', () => {
    const sentences = splitSentences(cleanText('We moved here in May. His school is lovely. What is the local offer?'));
    expect(sentences.map((sentence) => sentence.isQuestion)).toEqual([false, false, true]);
    expect(sentences[2]?.tokens).toEqual(['what', 'is', 'the', 'local', 'offer']);
  });

  it('treats a sentence opening with a question word as a question even without "?"', () => {
    expect(splitSentences('ok. who do i talk to')[1]?.isQuestion).toBe(true);
  });

  it('drops empty pieces', () => {
    expect(splitSentences('...!!  ?')).toEqual([]);
  });
});

describe('sentenceWeights', () => {
  it.each([
    [[false], [QUESTION_WEIGHT]],
    [[false, false, true], [STORY_WEIGHT, STORY_WEIGHT, QUESTION_WEIGHT]],
    [[true, false, false], [QUESTION_WEIGHT, STORY_WEIGHT, QUESTION_WEIGHT]],
    [[false, false], [STORY_WEIGHT, QUESTION_WEIGHT]],
  ])('questions %j -> %j (the last sentence always counts fully)', (questions, weights) => {
    expect(sentenceWeights(questions.map((isQuestion) => ({ tokens: ['x'], isQuestion })))).toEqual(weights);
  });
});
