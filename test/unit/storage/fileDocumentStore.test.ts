import { mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempPathFor } from '../../../src/storage/atomicFile';
import { StoreUnavailableError } from '../../../src/storage/documentStore';
import { FileDocumentStore } from '../../../src/storage/fileDocumentStore';
import { fileNameFor } from '../../../src/storage/fileNames';
import { MemoryDocumentStore } from '../../../src/storage/memoryDocumentStore';
import { describeDocumentStoreContract } from './documentStoreContract';

// rename is wrapped so one test can make it fail like a crash between "write temp file" and "rename".
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');
  return { ...actual, rename: jest.fn(actual.rename) };
});

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'docstore-'));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeDocumentStoreContract('MemoryDocumentStore', () => new MemoryDocumentStore(), { validatesKeys: false });
describeDocumentStoreContract('FileDocumentStore', async () => new FileDocumentStore({ dir: join(await freshFolder(), 'documents') }), {
  validatesKeys: true,
});

describe('FileDocumentStore on disk', () => {
  let root: string;
  let dir: string;
  let store: FileDocumentStore;
  beforeEach(async () => {
    root = await freshFolder();
    dir = join(root, 'documents');
    store = new FileDocumentStore({ dir });
  });

  it('keeps every file inside its folder, whatever the key', async () => {
    const keys = ['handoff/x.json', 'a/b/c', '%2e%2e', '....', 'C:', 'name with spaces', 'émoji 😀', 'x'.repeat(600)];
    for (const key of keys) await store.write(key, { key });
    expect(await readdir(root)).toEqual(['documents']);
    const names = await readdir(dir);
    expect(names).toHaveLength(keys.length);
    names.forEach((name) => expect(name).toMatch(/^(?:[a-z0-9_.~-]|%[0-9A-F]{2})+\.json$/));
    for (const key of keys) await expect(store.read(key)).resolves.toMatchObject({ value: { key } });
    expect(await store.list('')).toEqual([...keys].sort());
  });

  it('keeps keys that differ only in case apart (case-insensitive file systems)', async () => {
    await store.write('conv/Abc', { n: 1 });
    await store.write('conv/abc', { n: 2 });
    expect(fileNameFor('conv/Abc', '.json').toLowerCase()).not.toBe(fileNameFor('conv/abc', '.json').toLowerCase());
    await expect(store.read('conv/Abc')).resolves.toMatchObject({ value: { n: 1 } });
    await expect(store.read('conv/abc')).resolves.toMatchObject({ value: { n: 2 } });
  });

  it('lists long (hashed) keys by their full key', async () => {
    const long = `handoff/${'y'.repeat(300)}`;
    await store.write(long, {});
    await store.write(`other/${'y'.repeat(300)}`, {});
    await expect(store.list('handoff/')).resolves.toEqual([long]);
    await expect(store.list(`handoff/${'y'.repeat(250)}`)).resolves.toEqual([long]);
  });

  it('reads the old document when a crash left a half-written temporary file beside it', async () => {
    const etag = await store.write('handoff/1.json', { state: 'pending' });
    const target = join(dir, fileNameFor('handoff/1.json', '.json'));
    // What a crash between "write temp" and "rename" leaves behind: a torn temp file.
    await writeFile(tempPathFor(target), '{"key":"handoff/1.json","version":2,"etag":"2-x","value":{"sta');

    await expect(store.read('handoff/1.json')).resolves.toEqual({ value: { state: 'pending' }, etag });
    await expect(store.list('')).resolves.toEqual(['handoff/1.json']);
    await expect(store.write('handoff/1.json', { state: 'sent' }, etag)).resolves.toEqual(expect.any(String));
  });

  it('sweeps stale temporary files when a new store opens the folder (the restart after a crash)', async () => {
    await store.write('a', { n: 1 });
    const leftover = tempPathFor(join(dir, fileNameFor('a', '.json')));
    await writeFile(leftover, '{"torn');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(leftover, old, old);

    const restarted = new FileDocumentStore({ dir });
    await expect(restarted.read('a')).resolves.toMatchObject({ value: { n: 1 } });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the old document and no temporary file when the rename fails mid-write', async () => {
    const etag = await store.write('doc', { v: 1 });
    jest.mocked(rename).mockRejectedValueOnce(Object.assign(new Error('power cut'), { code: 'EIO' }));
    await expect(store.write('doc', { v: 2 }, etag)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.read('doc')).resolves.toEqual({ value: { v: 1 }, etag });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('stores a self-describing envelope (key, version, etag) so files can be inspected by hand', async () => {
    const first = await store.write('k', { n: 1 });
    const second = await store.write('k', { n: 2 }, first);
    const onDisk = JSON.parse(await readFile(join(dir, fileNameFor('k', '.json')), 'utf8')) as unknown;
    expect(onDisk).toEqual({ key: 'k', version: 2, etag: second, value: { n: 2 } });
    expect(first).toMatch(/^1-/);
  });

  it('never matches an etag from before a delete and re-create', async () => {
    const before = await store.write('k', { n: 1 });
    await store.delete('k');
    await store.write('k', { n: 2 });
    await expect(store.write('k', { n: 3 }, before)).rejects.toThrow('changed by someone else');
  });

  it('serialises writes across two store objects on the same folder', async () => {
    const other = new FileDocumentStore({ dir });
    const etag = await store.write('shared', { n: 0 });
    const results = await Promise.allSettled([store.write('shared', { n: 1 }, etag), other.write('shared', { n: 2 }, etag)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('reports the modification time of each document', async () => {
    await store.write('handoff/old.json', {});
    await store.write('handoff/new.json', {});
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(join(dir, fileNameFor('handoff/old.json', '.json')), old, old);
    const infos = await store.listInfo('handoff/');
    expect(infos.map((i) => i.key)).toEqual(['handoff/new.json', 'handoff/old.json']);
    expect(infos[1]?.modifiedAt.toISOString()).toBe(old.toISOString());
    expect(infos[0]?.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates its folder on first use', async () => {
    const nested = new FileDocumentStore({ dir: join(root, 'deep', 'er', 'documents') });
    await nested.write('k', {});
    await expect(nested.read('k')).resolves.toMatchObject({ value: {} });
  });

  it('ping rejects with StoreUnavailableError when the folder cannot be created or written', async () => {
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'not a folder');
    const broken = new FileDocumentStore({ dir: join(blocker, 'documents') });
    await expect(broken.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(broken.write('k', {})).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
