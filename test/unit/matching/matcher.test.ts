import { buildMatcher } from '../../../src/matching/matcher';
import { fixtureExamples, fixtureInput, fixtureMatcher } from './fixtureMatcher';

describe('matcher', () => {
  const matcher = fixtureMatcher();

  describe('abbreviations', () => {
    it.each([
      ['who is the SENCo', 'role-of-senco'],
      ['wots a sendco', 'role-of-senco'],
      ['special educational needs co-ordinator?', 'role-of-senco'],
      ['ehcna', 'ehc-needs-assessment'],
      ['EHCP?', 'ehc-plan'],
      ['can an ed psych see my ds', 'specialist-involvement'],
      ['can SALT work with my son', 'specialist-involvement'],
      ['can my dd have a TA', 'types-of-support'],
      ['can he get 1:1', 'types-of-support'],
    ])('%s -> %s', (text, intent) => {
      expect(matcher.classify(text).intent).toBe(intent);
    });
  });

  describe('typos', () => {
    it.each([
      ['assesment for ehcp', 'ehc-needs-assessment'],
      ['educatonal psychologist', 'specialist-involvement'],
      ['psycholgist', 'specialist-involvement'],
      ['behavior support in class', 'types-of-support'],
      ['how long dose an ehcp take', 'ehc-timescales'],
    ])('%s -> %s', (text, intent) => {
      expect(matcher.classify(text).intent).toBe(intent);
    });
  });

  describe('text-speak', () => {
    it.each([
      ['wat help can skool give my kid', 'types-of-support'],
      ['pls help im worried about my ds at skool', 'raising-a-concern'],
      ['hiya', 'greeting'],
      ['cya', 'goodbye'],
      ['ta', 'thanks'],
    ])('%s -> %s', (text, intent) => {
      expect(matcher.classify(text).intent).toBe(intent);
    });
  });

  describe('long messages with the question at the end', () => {
    it.each([
      [
        "My son is in year 5. He has been struggling with reading for ages and his teacher keeps saying he will catch up. I've had enough of waiting. Who do I speak to first?",
        'raising-a-concern',
      ],
      [
        'We had three meetings with the school this year. They promised a TA and a reading group. Nothing has happened and the senco ignores my emails. What are my options?',
        'disagree-with-school',
      ],
    ])('%s', (text, intent) => {
      expect(matcher.classify(text).intent).toBe(intent);
    });

    it('is not taken over by a conversation topic that shares one word', () => {
      const result = matcher.classify('we asked again and again, they said they were done with it, how do i escalate this with the school');
      expect(result.intent).toBe('disagree-with-school');
    });
  });

  describe('out-of-scope questions fall back', () => {
    it.each([
      'when are the bins collected this week',
      'how do i pay council tax online',
      "what's the weather like at the weekend",
      'recipe for lasagne',
      'who won the football last night',
    ])('%s', (text) => {
      const result = matcher.classify(text);
      expect(result.decision).toBe('fallback');
      expect(result.intent).toBeNull();
    });

    it('falls back on an empty or meaningless message', () => {
      for (const text of ['', '???', 'the a of']) expect(matcher.classify(text).decision).toBe('fallback');
    });
  });

  describe('clarify between close topics', () => {
    it('offers both EHC topics for "how do i get an EHCP"', () => {
      const result = matcher.classify('how do i get an EHCP');
      expect(result.decision).toBe('clarify');
      expect([result.intent, result.alternatives[0]?.intent].sort()).toEqual(['ehc-needs-assessment', 'ehc-plan']);
    });

    it('answers outright when one topic is clearly ahead', () => {
      expect(matcher.classify('how long does an ehcp take').decision).toBe('answer');
    });
  });

  describe('result shape', () => {
    it('gives confidences in 0..1, best first, at most three alternatives', () => {
      const result = matcher.classify('can my child get one to one help');
      expect(result.confidence).toBeGreaterThan(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.alternatives.length).toBeLessThanOrEqual(3);
      for (const alternative of result.alternatives) {
        expect(alternative.confidence).toBeLessThanOrEqual(result.confidence);
        expect(alternative.intent).not.toBe(result.intent);
      }
    });

    it('lists the topics it can return, without the out-of-scope list', () => {
      expect(matcher.intents).toContain('role-of-senco');
      expect(matcher.intents).not.toContain('__out_of_scope__');
    });

    it('is deterministic: two builds give the same answers', () => {
      const again = buildMatcher(fixtureInput());
      for (const text of ['who is the senco', 'how long does an ehcp take', 'recipe for lasagne']) {
        expect(again.classify(text)).toEqual(matcher.classify(text));
      }
    });
  });

  describe('the safeguarding topic', () => {
    it.each(['my son hurt his hand', 'i want to end it all', 'my child wants to kill himself'])(
      'is never offered as an alternative (%s)',
      (text) => {
        const result = matcher.classify(text);
        expect(result.alternatives.map((alternative) => alternative.intent)).not.toContain('safeguarding-crisis');
        if (result.intent === 'safeguarding-crisis') expect(result.decision).toBe('answer');
      },
    );
  });

  it('learns every training phrasing of the fixtures as its own topic', () => {
    const examples = fixtureExamples().filter((example) => example.intent !== 'safeguarding-crisis');
    const wrong = examples.filter((example) => matcher.classify(example.text).intent !== example.intent);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['x'.repeat(20000)],
    [`https://example.com/${'a'.repeat(500)} who is the senco`],
    [`${'ok '.repeat(3000)}who is the senco`],
  ])('copes with very long input (%#)', (text) => {
    const result = matcher.classify(text);
    expect(['answer', 'clarify', 'fallback']).toContain(result.decision);
    if (text.endsWith('who is the senco')) expect(result.intent).toBe('role-of-senco');
  });

  it('repairs a typo even when the glossary keeps that misspelling as an alias', () => {
    const examples = [
      { intent: 'disability-access', text: 'what is an accessibility plan' },
      { intent: 'ehc-plan', text: 'what is an ehc plan' },
    ];
    const glossary = [{ id: 'accessibility-plan', term: 'accessibility plan', aliases: ['accesibility plan'] }];
    const withGlossary = buildMatcher({ examples, glossary });
    expect(withGlossary.classify('accesibility plan meaning').intent).toBe('disability-access');
    // A glossary word that is not a typo of a training word still counts as known (never "repaired").
    const ombudsman = buildMatcher({ examples, glossary: [{ id: 'lgo', term: 'ombudsman', aliases: [] }] });
    expect(ombudsman.classify('accesibility plan meaning').intent).toBe('disability-access');
  });

  it('works without synonyms or an out-of-scope list', () => {
    const bare = buildMatcher({ examples: fixtureExamples() });
    expect(bare.classify('who is the senco').intent).toBe('role-of-senco');
  });
});
