import { join } from 'node:path';
import { examplesFromTopics, frontMatterOf, readGlossary, readTrainingExamples, topicFiles } from '../../../src/matching/trainingData';
import { FIXTURES } from './fixtureMatcher';

const CONTENT = join(FIXTURES, 'content');

describe('frontMatterOf', () => {
  it.each([
    ['---\nid: x\n---\n## Answer\n', 'id: x'],
    ['\n---\nid: x\nutterances: [a]\n---\nbody\n---\nmore', 'id: x\nutterances: [a]'],
    ['no front matter', null],
    ['---\nid: x\n', null],
  ])('%j -> %j', (markdown, expected) => {
    expect(frontMatterOf(markdown)).toBe(expected);
  });
});

describe('readTrainingExamples', () => {
  it('finds national and area topic files', () => {
    expect(topicFiles(CONTENT).map((file) => file.slice(CONTENT.length + 1))).toEqual([
      'topics/greeting.md',
      'topics/role-of-senco.md',
      'areas/kent/topics/lift.md',
    ]);
  });

  it('reads titles and utterances, once per topic and phrasing', () => {
    expect(readTrainingExamples(CONTENT)).toEqual([
      { intent: 'greeting', text: 'Welcome' },
      { intent: 'greeting', text: 'hi' },
      { intent: 'greeting', text: 'hello' },
      { intent: 'role-of-senco', text: 'The SENCO' },
      { intent: 'role-of-senco', text: 'who is the senco' },
      { intent: 'role-of-senco', text: 'what does a sendco do' },
      { intent: 'lift', text: 'LIFT in Kent' },
      { intent: 'lift', text: 'what is lift' },
      { intent: 'lift', text: 'who is the senco' },
    ]);
  });

  it('can leave titles out', () => {
    expect(readTrainingExamples(CONTENT, { includeTitles: false }).map((example) => example.text)).not.toContain('The SENCO');
  });

  it('counts a phrasing repeated by two packs for the same topic once', () => {
    const topics = [
      { id: 'lift', utterances: ['what is lift'] },
      { id: 'lift', utterances: ['What is LIFT '] },
    ];
    expect(examplesFromTopics(topics)).toEqual([{ intent: 'lift', text: 'what is lift' }]);
  });

  it('reads the glossary when there is one', () => {
    expect(readGlossary(CONTENT)).toEqual([{ id: 'senco', term: 'SENCO', aliases: ['SENDCo', 'special educational needs co-ordinator'] }]);
    expect(readGlossary(join(CONTENT, 'topics'))).toEqual([]);
  });
});
