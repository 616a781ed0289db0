import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStores, StorageConfigError } from '../../../src/bot/storage/createStores';
import { InvalidContainerNameError } from '../../../src/storage/containerNames';
import { StoreUnavailableError } from '../../../src/storage/documentStore';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stores-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('createStores', () => {
  it('file kind: keeps state, transcripts and documents in their own folders under DATA_DIR', async () => {
    const dataDir = join(root, 'data');
    const stores = createStores({ kind: 'file', dataDir });
    await stores.ping();
    await stores.state.write({ 'webchat/users/u/': { n: 1 } });
    await stores.documents.write('handoff/1.json', {});
    await stores.transcripts.logActivity({
      type: 'message',
      channelId: 'webchat',
      conversation: { id: 'c' },
      from: { id: 'u' },
      recipient: { id: 'b' },
    } as never);
    expect((await readdir(dataDir)).sort()).toEqual(['documents', 'state', 'transcripts']);
  });

  it('file kind: ping rejects with StoreUnavailableError when DATA_DIR cannot be used', async () => {
    const blocker = join(root, 'blocker');
    await writeFile(blocker, 'x');
    await expect(createStores({ kind: 'file', dataDir: blocker }).ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('blob kind: refuses to start without a connection string or with a bad container name', () => {
    expect(() => createStores({ kind: 'blob', dataDir: root })).toThrow(StorageConfigError);
    const connectionString = 'UseDevelopmentStorage=true';
    expect(() => createStores({ kind: 'blob', dataDir: root, connectionString, container: 'Bad_Name' })).toThrow(InvalidContainerNameError);
    expect(() => createStores({ kind: 'blob', dataDir: root, connectionString, container: 'x'.repeat(60) })).toThrow(InvalidContainerNameError);
  });
});
