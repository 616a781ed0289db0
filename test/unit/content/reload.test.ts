import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ContentStore } from '../../../src/content/contentStore';

describe('content reload', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reload-'));
    cpSync('content', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = () => join(dir, 'topics/role-of-senco.md');

  it('picks up an edited answer without a restart', async () => {
    const store = ContentStore.load(dir, pino({ level: 'silent' }));
    store.watch(50);
    writeFileSync(file(), readFileSync(file(), 'utf8').replace('## Answer\n', '## Answer\nEdited by an editor today. '));
    await new Promise((r) => setTimeout(r, 600));
    expect(store.content.national.get('role-of-senco')?.answer).toMatch(/^Edited by an editor today/);
    store.close();
  });

  it('keeps the last good content live when an edit fails validation, and logs why', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const store = ContentStore.load(dir, logger);
    const before = store.content.revision;
    writeFileSync(file(), readFileSync(file(), 'utf8').replace(/^owner:.*\n/m, ''));
    expect(store.reload()).toBe(false);
    expect(store.content.revision).toBe(before);
    expect(store.content.national.get('role-of-senco')?.owner).toBeTruthy();
    expect(lines.join('')).toMatch(/"owner\\" is missing|owner/);
  });
});
