import { fileNameFor, parseFileName } from '../../../src/storage/fileNames';

describe('fileNameFor / parseFileName', () => {
  it.each(['handoff/abc.json', 'emulator/conversations/Abc|livechat/', 'a b', 'ü 😀 ’', '%41', '~tilde', '....'])('round-trips %j', (key) => {
    const name = fileNameFor(key, '.json');
    expect(name).toMatch(/^(?:[a-z0-9_.-]|%[0-9A-F]{2})+\.json$/);
    expect(parseFileName(name, '.json')).toEqual({ kind: 'exact', key });
  });

  it('never produces a separator, a tilde or a lower-case escape', () => {
    const name = fileNameFor('../../etc/passwd\\x:~', '.json');
    expect(name).toBe('..%2F..%2Fetc%2Fpasswd%5Cx%3A%7E.json');
  });

  it('hashes long keys, keeping a readable head and the hash mark', () => {
    const key = `handoff/${'é'.repeat(200)}`;
    const name = fileNameFor(key, '.json');
    expect(name.length).toBeLessThanOrEqual(200);
    const parsed = parseFileName(name, '.json');
    expect(parsed?.kind).toBe('hashed');
    expect(parsed?.kind === 'hashed' && key.startsWith(parsed.keyStart)).toBe(true);
    expect(fileNameFor(`${key}x`, '.json')).not.toBe(name);
  });

  it('ignores names that are not ours', () => {
    expect(parseFileName('notes.txt', '.json')).toBeUndefined();
    expect(parseFileName('%zz.json', '.json')).toBeUndefined();
    // Not canonical (upper-case letters are always escaped), so it cannot alias the key "ABC".
    expect(parseFileName('ABC.json', '.json')).toBeUndefined();
  });
});
