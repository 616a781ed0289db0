import { Activity, ActivityTypes } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStores, Stores } from '../../../src/bot/storage/createStores';
import { deleteUserData, purgeOlderThan } from '../../../src/bot/storage/retention';
import { Azurite, startAzurite } from '../../helpers/azurite';

let azurite: Azurite;
let root: string;
beforeAll(async () => {
  [azurite, root] = await Promise.all([startAzurite(), mkdtemp(join(tmpdir(), 'retention-it-'))]);
});
afterAll(async () => {
  await Promise.all([azurite?.dispose(), rm(root, { recursive: true, force: true })]);
});

let counter = 0;
const makeStores: Record<'file' | 'blob', () => Stores> = {
  file: () => createStores({ kind: 'file', dataDir: join(root, `data-${++counter}`) }),
  blob: () => createStores({ kind: 'blob', dataDir: root, connectionString: azurite.connectionString, container: `ret-${++counter}` }),
};

const DAY = 24 * 3600 * 1000;
const message = (conversationId: string): Activity =>
  ({
    type: ActivityTypes.Message,
    id: `m-${Math.random()}`,
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: 'parent-1' },
    recipient: { id: 'bot' },
    text: 'hello',
    timestamp: new Date(),
  }) as Activity;

describe.each(['file', 'blob'] as const)('retention with %s stores', (kind) => {
  it('purgeOlderThan keeps recent data and removes transcripts and hand-offs once older than N days', async () => {
    const stores = makeStores[kind]();
    await stores.documents.write('handoff/1.json', { id: '1' });
    await stores.documents.write('outbox-meta/other.json', { keep: true });
    await stores.transcripts.logActivity(message('conv-a'));
    await stores.transcripts.logActivity(message('conv-b'));

    await expect(purgeOlderThan(stores, 30)).resolves.toMatchObject({ transcripts: 0, handoffs: 0 });
    await expect(stores.documents.list('handoff/')).resolves.toEqual(['handoff/1.json']);

    // Thirty-one days later, everything written above is past a 30-day limit.
    const later = new Date(Date.now() + 31 * DAY);
    await expect(purgeOlderThan(stores, 30, later)).resolves.toMatchObject({ transcripts: 2, handoffs: 1 });
    await expect(stores.documents.list('')).resolves.toEqual(['outbox-meta/other.json']);
    await expect(stores.transcripts.listTranscripts('webchat')).resolves.toMatchObject({ items: [] });
  });

  it("deleteUserData removes one parent's state and transcript and nobody else's", async () => {
    const stores = makeStores[kind]();
    await stores.state.write({
      'webchat/conversations/abc/': { dialog: 1 },
      'webchat/conversations/abc/custom': { x: 1 },
      'webchat/conversations/abc/users/parent-1/': { p: 1 },
      'webchat/users/parent-1/': { name: 'Sam' },
      'webchat/conversations/abc123/': { other: true },
      'webchat/users/parent-10/': { other: true },
    });
    void stores.transcripts.logActivity(message('abc'));
    void stores.transcripts.logActivity(message('abc123'));

    await expect(deleteUserData(stores, { channelId: 'webchat', conversationId: 'abc', userId: 'parent-1' })).resolves.toEqual({
      stateItems: 4,
    });
    const left = await stores.state.read([
      'webchat/conversations/abc/',
      'webchat/conversations/abc/custom',
      'webchat/conversations/abc/users/parent-1/',
      'webchat/users/parent-1/',
      'webchat/conversations/abc123/',
      'webchat/users/parent-10/',
    ]);
    expect(Object.keys(left).sort()).toEqual(['webchat/conversations/abc123/', 'webchat/users/parent-10/']);
    await expect(stores.transcripts.getTranscriptActivities('webchat', 'abc')).resolves.toMatchObject({ items: [] });
    await expect(stores.transcripts.getTranscriptActivities('webchat', 'abc123')).resolves.toMatchObject({ items: [{}] });
  });
});
