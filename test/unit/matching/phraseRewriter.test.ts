import { PhraseRewriter, phraseTokens } from '../../../src/matching/phraseRewriter';
import { allSynonymGroups } from '../../../src/matching/synonyms';
import { fixtureInput } from './fixtureMatcher';

const rewriter = new PhraseRewriter(allSynonymGroups(fixtureInput().synonyms ?? {}));
const rewrite = (text: string): string => rewriter.rewrite(phraseTokens(text)).join(' ');

describe('PhraseRewriter', () => {
  describe('abbreviations', () => {
    it.each([
      ['EHCP', 'ehc plan'],
      ['the sendco', 'the senco'],
      ['SEN Co', 'senco'],
      ['a TA or LSA', 'a teaching assistant or teaching assistant'],
      ['ed psych', 'educational psychologist'],
      ['EP', 'educational psychologist'],
      ['SALT', 'speech and language therapist'],
      ['1:1', 'one to one'],
      ['education health and care plan', 'ehc plan'],
      ['education health and care needs assessment', 'ehc needs assessment'],
    ])('%s -> %s', (text, expected) => {
      expect(rewrite(text)).toBe(expected);
    });
  });

  describe('text-speak and spelling', () => {
    it.each([
      ['wot r u', 'what r you'],
      ['pls help', 'please help'],
      ['my ds and dd', 'my child and child'],
      ['skool', 'school'],
      ['behavior', 'behaviour'],
      ['assesment', 'assessment'],
    ])('%s -> %s', (text, expected) => {
      expect(rewrite(text)).toBe(expected);
    });
  });

  it('prefers the longest phrase', () => {
    const table = new PhraseRewriter([
      { to: 'thanks', from: ['ta very much'] },
      { to: 'teaching assistant', from: ['ta'] },
    ]);
    expect(table.rewrite(['ta', 'very', 'much']).join(' ')).toBe('thanks');
    expect(table.rewrite(['a', 'ta']).join(' ')).toBe('a teaching assistant');
  });

  it('keeps a longer canonical phrase whole', () => {
    const table = new PhraseRewriter([{ to: 'speech and language therapist', from: ['speech and language', 'salt'] }]);
    expect(table.rewrite(phraseTokens('speech and language therapist')).join(' ')).toBe('speech and language therapist');
  });

  it('resolves chains ("suport" -> "support" -> "help")', () => {
    const table = new PhraseRewriter([
      { to: 'support', from: ['suport'] },
      { to: 'help', from: ['support'] },
    ]);
    expect(table.rewrite(['suport'])).toEqual(['help']);
  });

  it('rewrites whole messages only when they are the whole message', () => {
    const table = new PhraseRewriter([{ to: 'thanks', from: ['ta'] }]);
    expect(table.rewriteWhole(['ta'])).toEqual(['thanks']);
    expect(table.rewriteWhole(['a', 'ta'])).toBeUndefined();
  });
});
