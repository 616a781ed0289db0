import { join } from 'node:path';
import { buildMatcherFromContent, outOfScopeFile, readMatcherInput, synonymsFile } from '../../../src/matching/matchingContent';
import { loadOutOfScope, parseOutOfScope } from '../../../src/matching/outOfScope';
import { loadSynonymTable, parseSynonymTable } from '../../../src/matching/synonyms';

const REAL_CONTENT = join(__dirname, '..', '..', '..', 'content');

describe('synonyms.yml schema', () => {
  it('accepts a table and reads a bare number as text', () => {
    const table = parseSynonymTable('abbreviations:\n  - to: one to one\n    from: [121, 1 1]\n', 'synonyms.yml');
    expect(table.abbreviations[0]?.from).toEqual(['121', '1 1']);
    expect(table.textSpeak).toEqual([]);
  });

  it.each([
    ['textSpeak:\n  - to: you\n    from: [U]\n', 'lower case'],
    ["textSpeak:\n  - to: what\n    from: [\"what's\"]\n", 'apostrophes'],
    ['textSpeak:\n  - to: you\n    from: [u]\n  - to: your\n    from: [u]\n', 'already rewritten'],
    ['textSpeak:\n  - to: you\n    from: []\n', ''],
    ['colours:\n  - to: red\n    from: [rouge]\n', ''],
  ])('rejects %j', (yamlText, message) => {
    expect(() => parseSynonymTable(yamlText, 'synonyms.yml')).toThrow(new RegExp(`synonyms\\.yml.*${message}`));
  });

  it('lets a whole-message rewrite reuse a word the word table also rewrites', () => {
    const yamlText = 'abbreviations:\n  - to: teaching assistant\n    from: [ta]\nwholeMessage:\n  - to: thanks\n    from: [ta]\n';
    expect(parseSynonymTable(yamlText, 'synonyms.yml').wholeMessage).toHaveLength(1);
  });
});

describe('out-of-scope.yml schema', () => {
  it('accepts a list of phrasings', () => {
    expect(parseOutOfScope('phrasings:\n  - when are the bins collected\n', 'out-of-scope.yml')).toEqual(['when are the bins collected']);
  });

  it.each([
    ['phrasings: []\n'],
    ['phrasings:\n  - bins\n  - Bins\n'],
    ['questions:\n  - bins\n'],
  ])('rejects %j', (yamlText) => {
    expect(() => parseOutOfScope(yamlText, 'out-of-scope.yml')).toThrow(/out-of-scope\.yml/);
  });
});

describe('the real matching content', () => {
  it('synonyms.yml is valid', () => {
    expect(() => loadSynonymTable(synonymsFile(REAL_CONTENT))).not.toThrow();
  });

  it('out-of-scope.yml is valid and not tiny', () => {
    expect(loadOutOfScope(outOfScopeFile(REAL_CONTENT)).length).toBeGreaterThanOrEqual(50);
  });

  it('no out-of-scope phrasing is also a topic phrasing', () => {
    const input = readMatcherInput(REAL_CONTENT);
    const topicPhrasings = new Set(input.examples.map((example) => example.text.toLowerCase()));
    expect((input.outOfScope ?? []).filter((text) => topicPhrasings.has(text.toLowerCase()))).toEqual([]);
  });
});

describe('the real content', () => {
  const matcher = buildMatcherFromContent(REAL_CONTENT);

  // However the out-of-scope list grows, these must never be taken for questions the bot cannot answer.
  it.each([
    ['can i speak to a real person', 'talk-to-adviser'],
    ['i need to talk to someone today please', 'talk-to-adviser'],
    ['delete my data', 'privacy'],
    ['start again', 'restart'],
    ['help', 'help'],
    ['what can you do', 'help'],
    ['thanks', 'thanks'],
    ['bye', 'goodbye'],
  ])('answers %s with %s', (text, intent) => {
    const result = matcher.classify(text);
    expect(result.decision).toBe('answer');
    expect(result.intent).toBe(intent);
  });
});
