import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, StateJournal } from '../../../src/storage/stateJournal';
import { StoreUnavailableError } from '../../../src/storage/documentStore';

let root: string;
let counter = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'journal-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
const freshDir = (): string => join(root, `j-${++counter}`);

/** Forgets the in-memory copy so the next use reads the file, as a restarted process would. */
function reopen(dir: string): StateJournal {
  StateJournal.for(dir, { fsync: false }).close();
  return StateJournal.for(dir, { fsync: false });
}

describe('StateJournal', () => {
  it('reads back puts and deletes after a restart, with their eTags', () => {
    const dir = freshDir();
    const journal = StateJournal.for(dir, { fsync: false });
    const etag = journal.put('a', { n: 1 });
    journal.put('b', { n: 2 });
    journal.put('b', { n: 3 });
    expect(journal.remove(['b', 'never'])).toBe(1);
    const again = reopen(dir);
    expect(again.get('a')).toEqual({ etag, value: { n: 1 } });
    expect(again.get('b')).toBeUndefined();
  });

  it('hands out copies, so changing a read value changes nothing stored', () => {
    const journal = StateJournal.for(freshDir(), { fsync: false });
    journal.put('a', { list: [1] });
    (journal.get('a')?.value as { list: number[] }).list.push(2);
    expect(journal.get('a')?.value).toEqual({ list: [1] });
  });

  it('gives new eTags on every write, also across a restart', () => {
    const dir = freshDir();
    const first = StateJournal.for(dir, { fsync: false }).put('a', {});
    const second = reopen(dir).put('a', {});
    expect(second).not.toBe(first);
  });

  it('skips a torn last line left by a crash and starts the next record on a new line', () => {
    const dir = freshDir();
    StateJournal.for(dir, { fsync: false }).put('a', { n: 1 });
    StateJournal.for(dir, { fsync: false }).close();
    appendFileSync(join(dir, JOURNAL_FILE), '{"k":"b","e":"x","v":{"n"');
    const journal = StateJournal.for(dir, { fsync: false });
    expect(journal.get('b')).toBeUndefined();
    journal.put('c', { n: 3 });
    const again = reopen(dir);
    expect(again.get('a')?.value).toEqual({ n: 1 });
    expect(again.get('c')?.value).toEqual({ n: 3 });
  });

  it('compacts a journal of mostly dead lines, keeping every live document', () => {
    const dir = freshDir();
    const journal = StateJournal.for(dir, { fsync: false });
    const big = 'x'.repeat(2000);
    for (let i = 0; i < 2000; i++) journal.put(`k${i % 5}`, { i, big });
    expect(statSync(join(dir, JOURNAL_FILE)).size).toBeLessThan(1024 * 1024 + 50_000);
    journal.put('after', { ok: true });
    const again = reopen(dir);
    expect(again.keysStartingWith('k').sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(again.get('k4')?.value).toEqual({ i: 1999, big });
    expect(again.get('after')?.value).toEqual({ ok: true });
    expect(readdirSync(dir)).toEqual([JOURNAL_FILE]);
  });

  it('turns an unusable folder into StoreUnavailableError and stores nothing', () => {
    const blocker = join(root, `blocker-${++counter}`);
    writeFileSync(blocker, 'not a folder');
    const journal = StateJournal.for(join(blocker, 'state'), { fsync: false });
    expect(() => journal.put('a', {})).toThrow(StoreUnavailableError);
  });

  it('leaves other lines readable when one line in the middle is damaged', () => {
    const dir = freshDir();
    const journal = StateJournal.for(dir, { fsync: true });
    journal.put('a', { n: 1 });
    journal.put('b', { n: 2 });
    journal.close();
    const file = join(dir, JOURNAL_FILE);
    const [first, second] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${first}\n#garbage#\n${second}\n`);
    const again = StateJournal.for(dir, { fsync: false });
    expect(again.get('a')?.value).toEqual({ n: 1 });
    expect(again.get('b')?.value).toEqual({ n: 2 });
  });
});
