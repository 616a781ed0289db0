import { averageSentenceWords, malformedEmails, malformedLinks, malformedPhoneNumbers, wordCount } from '../../../src/content/textRules';
import { escapeMarkdown, fill, linkGlossaryTerms } from '../../../src/content/render';

describe('text rules', () => {
  it('counts words as a reader sees them', () => {
    expect(wordCount('The **SENCO** is [a teacher](https://x.example.org).')).toBe(5);
  });
  it('treats list items as sentences', () => {
    expect(averageSentenceWords('Bring:\n- notes from home\n- school reports')).toBeLessThan(4);
  });
  it.each([['0800 195 1635', []], ['999', []], ['116 123', []], ['0808 800 5000', []], ['0800 1111', []], ['0800 195 16', ['0800 195 16']], ['01522 7821', ['01522 7821']]])('phone %s', (text, bad) => {
    expect(malformedPhoneNumbers(`Call ${text} now.`)).toEqual(bad);
  });
  it('flags links that are not complete https addresses', () => {
    expect(malformedLinks('See https://www.gov.uk/x and [this](http://example.org) and www.bad')).toEqual(['http://example.org', 'www.bad']);
  });
  it('flags broken email addresses', () => {
    expect(malformedEmails('Email liaise@lincolnshire.gov.uk or bad@nowhere')).toEqual(['bad@nowhere']);
  });
});

describe('rendering', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('Call {service} about {thing}', { service: 'Liaise' })).toBe('Call Liaise about {thing}');
  });
  it('links only the first appearance of a glossary term', () => {
    const out = linkGlossaryTerms('The SENCO helps. Ask the SENCO.', [{ id: 'senco', term: 'SENCO', aliases: [], meaning: 'x', sources: [] }], '/glossary');
    expect(out).toBe('The [SENCO](/glossary#senco) helps. Ask the SENCO.');
  });
  it('links the longer term first, so a short alias inside it is not taken for another term', () => {
    const plan = { id: 'ehc-plan', term: 'EHC plan', aliases: ['EHC', 'EHCP'], meaning: 'x', sources: [] };
    const assessment = { id: 'ehc-needs-assessment', term: 'EHC needs assessment', aliases: [], meaning: 'x', sources: [] };
    const out = linkGlossaryTerms('Ask for an EHC needs assessment. It may lead to an EHC plan.', [plan, assessment], '/g');
    expect(out).toBe('Ask for an [EHC needs assessment](/g#ehc-needs-assessment). It may lead to an [EHC plan](/g#ehc-plan).');
  });

  it('escapes Markdown the parent typed before echoing it', () => {
    expect(escapeMarkdown('[click](http://evil) **x**')).toBe('\\[click\\]\\(http://evil\\) \\*\\*x\\*\\*');
  });
});
