import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkContent, formatFault } from '../../../src/content/check';
import { GradeFn, loadReadabilityGrader } from '../../../src/content/validate';

let grade: GradeFn;
beforeAll(async () => {
  grade = await loadReadabilityGrader();
});

/** A private copy of the real content to break in one way. */
function copyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync('content', dir, { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

function faultsAfter(change: (dir: string) => void): string[] {
  const dir = copyContent();
  try {
    change(dir);
    const shown = relative(process.cwd(), dir);
    return checkContent(dir, grade).faults.map(formatFault).map((f) => f.replace(shown, 'content'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('content:check', () => {
  it('passes on the real content', () => {
    const { faults, content } = checkContent('content', grade);
    expect(faults.map(formatFault)).toEqual([]);
    expect(content?.national.size).toBeGreaterThan(30);
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ['a missing field', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^owner:.*\n/m, '')), /role-of-senco\.md:\d+: "owner" is missing/],
    ['an unknown field', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^owner:/m, 'ownr: x\nowner:')), /role-of-senco\.md:\d+: unknown field "ownr"/],
    ['a duplicate id', (d) => writeFileSync(join(d, 'areas/kent/topics/role-of-senco.md'), readFileSync(join(d, 'topics/role-of-senco.md'), 'utf8').replace('id: role-of-senco', 'id: review-meetings')), /does not match the file name/],
    ['an id that does not match its file', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace('id: role-of-senco', 'id: the-senco')), /role-of-senco\.md:2: id "the-senco" does not match the file name/],
    ['a related topic that does not exist', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^related: \[/m, 'related: [no-such-topic, ')), /related topic "no-such-topic" does not exist/],
    ['a topic the bot needs is missing', (d) => rmSync(join(d, 'topics/review-meetings.md')), /topic "review-meetings" is used by the bot but has no national file/],
    ['a phrasing used by two topics', (d) => edit(d, 'topics/review-meetings.md', (t) => t.replace(/^utterances:\n/m, 'utterances:\n  - who is the senco\n')), /the phrasing "who is the senco" is also used by topic/],
    ['a source with no document', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^sources:\n/m, 'sources:\n  - ref: "6.3"\n')), /"sources\.0\.doc" needs a document/],
    ['a source with an unknown document', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^sources:\n/m, 'sources:\n  - doc: my-notes\n')), /source document "my-notes" is not in content\/sources\.yml/],
    ['a source with no paragraph', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/^sources:\n/m, 'sources:\n  - doc: code-of-practice\n')), /needs a paragraph or section/],
    ['an answer that is too long', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace('## More', `${'Parents can ask. '.repeat(60)}\n\n## More`)), /the Answer has \d+ words/],
    ['an answer that is too hard to read', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace(/## Answer\n[\s\S]*?## More/, '## Answer\nNotwithstanding organisational considerations, institutional accountability mechanisms necessitate comprehensive interdisciplinary consultation, particularly regarding individualised educational accommodations and statutory documentation requirements affecting exceptionally vulnerable beneficiaries.\n\n## More')), /reads at school grade|sentences average/],
    ['a malformed phone number', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace('## More', 'Call 0800 195 16.\n\n## More')), /"0800 195 16" looks like a phone number but is not a complete UK number/],
    ['a malformed link', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace('## More', 'See [the Code](http//gov.uk).\n\n## More')), /the link "http\/\/gov\.uk" is not a complete https:\/\/ address/],
    ['an unknown placeholder', (d) => edit(d, 'topics/role-of-senco.md', (t) => t.replace('## More', 'Ask {servise}.\n\n## More')), /unknown placeholder \{servise\}/],
    ['a missing prompt', (d) => edit(d, 'prompts.yml', (t) => t.replace(/^clarify\.none:.*\n/m, '')), /the sentence "clarify\.none" is used by the bot but missing/],
    ['broken YAML', (d) => edit(d, 'glossary.yml', (t) => `${t}\n- id: [broken\n`), /glossary\.yml:\d+: the YAML cannot be read/],
  ])('reports %s as file:line: what is wrong', (_name, change, expected) => {
    const faults = faultsAfter(change);
    expect(faults.join('\n')).toMatch(expected);
    for (const f of faults) expect(f).toMatch(/^content\/[^:]+:\d+: /);
  });
});

describe('the taxonomy in shared/spec/topics.md', () => {
  const spec = join(__dirname, '../../../../shared/spec/topics.md');
  const ids = (section: string) => {
    const text = readFileSync(spec, 'utf8');
    const start = text.indexOf(section);
    const end = text.indexOf('\n## ', start + section.length);
    return [...text.slice(start, end < 0 ? undefined : end).matchAll(/^\| ([a-z0-9]+(?:-[a-z0-9]+)*) \|/gm)].map((m) => m[1]).filter((id) => id !== 'id');
  };
  const { content } = checkContent('content');
  const maybe = existsSync(spec) ? it : it.skip;

  maybe('every national, action and conversation topic id has a national answer', () => {
    for (const id of [...ids('## Knowledge topics'), ...ids('## Action and conversation topics')]) expect({ id, present: content!.national.has(id) }).toEqual({ id, present: true });
  });

  maybe('every local topic id is answered by each area pack and for parents elsewhere', () => {
    const local = ids('## Local topics');
    expect(local.length).toBeGreaterThanOrEqual(5);
    for (const area of ['lincolnshire', 'kent']) for (const id of local) expect({ area, id, present: content!.areas.get(area)!.topics.has(id) }).toEqual({ area, id, present: true });
    for (const id of local) expect(content!.national.has(id)).toBe(true);
  });
});
