import { ContainerClient } from '@azure/storage-blob';
import { BlobDocumentStore } from '../../../src/storage/blobDocumentStore';
import { InvalidKeyError } from '../../../src/storage/documentKey';
import { EtagMismatchError } from '../../../src/storage/documentStore';
import { Azurite, startAzurite } from '../../helpers/azurite';
import { describeDocumentStoreContract } from '../../unit/storage/documentStoreContract';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.dispose();
});

let counter = 0;
const freshContainer = (): string => `docs-${++counter}`;
const newStore = (container = freshContainer()): BlobDocumentStore => BlobDocumentStore.fromConnectionString(azurite.connectionString, container);

describeDocumentStoreContract('BlobDocumentStore (Azurite)', () => newStore(), { validatesKeys: true });

describe('BlobDocumentStore specifics (Azurite)', () => {
  it('creates its container on first use', async () => {
    const container = freshContainer();
    await newStore(container).write('handoff/1.json', { ok: true });
    const client = new ContainerClient(azurite.connectionString, container);
    await expect(client.exists()).resolves.toBe(true);
  });

  it('uses Azure etags: a second instance sees the same etag and conflicts are detected across instances', async () => {
    const container = freshContainer();
    const [a, b] = [newStore(container), newStore(container)];
    const etag = await a.write('handoff/1.json', { attempts: 0 });
    await expect(b.read('handoff/1.json')).resolves.toEqual({ value: { attempts: 0 }, etag });
    await b.write('handoff/1.json', { attempts: 1 }, etag);
    await expect(a.write('handoff/1.json', { attempts: 1 }, etag)).rejects.toBeInstanceOf(EtagMismatchError);
  });

  it('stores multi-byte text byte-exactly (content length in bytes, not characters)', async () => {
    const store = newStore();
    const text = '’£😀é'.repeat(500);
    await store.write('k', { text });
    await expect(store.read('k')).resolves.toMatchObject({ value: { text } });
  });

  it.each(['a//b', 'a/', 'ends.'])('refuses blob names Azure advises against: %j', async (key) => {
    await expect(newStore().write(key, {})).rejects.toBeInstanceOf(InvalidKeyError);
  });

  it('reports last-modified times for retention', async () => {
    const store = newStore();
    await store.write('handoff/1.json', {});
    const [info] = await store.listInfo('handoff/');
    expect(info?.key).toBe('handoff/1.json');
    expect(Math.abs((info?.modifiedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('re-creates a container deleted behind its back', async () => {
    const container = freshContainer();
    const store = newStore(container);
    await store.write('a', { n: 1 });
    await new ContainerClient(azurite.connectionString, container).delete();
    await expect(store.write('b', { n: 2 })).resolves.toEqual(expect.any(String));
    await expect(store.read('b')).resolves.toMatchObject({ value: { n: 2 } });
  });
});
