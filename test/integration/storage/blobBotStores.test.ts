import { ContainerClient } from '@azure/storage-blob';
import { Activity, ActivityTypes, ConversationState, TestAdapter, TranscriptLoggerMiddleware, TurnContext, UserState } from 'botbuilder';
import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { BlobStateStorage } from '../../../src/bot/storage/blobStateStorage';
import { BlobTranscriptStore } from '../../../src/bot/storage/blobTranscriptStore';
import { EtagMismatchError } from '../../../src/storage/documentStore';
import { Azurite, startAzurite } from '../../helpers/azurite';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.dispose();
});

let counter = 0;
const freshContainer = (kind: string): string => `${kind}-${++counter}`;
const stateStorage = (containerName: string): BlobStateStorage =>
  new BlobStateStorage({ connectionString: azurite.connectionString, containerName });
const transcriptStore = (containerName: string, pageSize?: number): BlobTranscriptStore =>
  new BlobTranscriptStore({ connectionString: azurite.connectionString, containerName, pageSize });

function activity(conversationId: string, n: number, at = new Date(Date.UTC(2025, 0, 1, 10, 0, n))): Activity {
  return {
    type: ActivityTypes.Message,
    id: `${conversationId}-${n}`,
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: 'parent' },
    recipient: { id: 'bot' },
    text: `message ${n} ’£`,
    timestamp: at,
  } as Activity;
}

describe('BlobStateStorage (Azurite)', () => {
  it('round-trips ConversationState and UserState through a bot turn, across instances', async () => {
    const container = freshContainer('state');
    const runTurn = async (text: string): Promise<{ turns: number; name?: string }> => {
      const storage = stateStorage(container); // a new bot instance each turn
      const conversationState = new ConversationState(storage);
      const userState = new UserState(storage);
      const turns = conversationState.createProperty<number>('turns');
      const name = userState.createProperty<string>('name');
      let seen: { turns: number; name?: string } = { turns: 0 };
      const adapter = new TestAdapter(async (context: TurnContext) => {
        const count = (await turns.get(context, 0)) + 1;
        await turns.set(context, count);
        if (text.startsWith('name ')) await name.set(context, text.slice(5));
        seen = { turns: count, name: await name.get(context) };
        await conversationState.saveChanges(context);
        await userState.saveChanges(context);
      });
      await adapter.send(text);
      return seen;
    };
    await runTurn('name Siân');
    await expect(runTurn('hello')).resolves.toEqual({ turns: 2, name: 'Siân' });
  });

  it('rejects a write with a stale eTag', async () => {
    const storage = stateStorage(freshContainer('state'));
    await storage.write({ k: { n: 1 } });
    const { eTag } = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { n: 2, eTag } });
    const stale = storage.write({ k: { n: 3, eTag } });
    await expect(stale).rejects.toBeInstanceOf(EtagMismatchError);
    await expect(stale).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
    await expect(storage.read(['k'])).resolves.toMatchObject({ k: { n: 2 } });
  });

  it('keeps every change when two instances take turns at read-modify-write on one conversation', async () => {
    const container = freshContainer('state');
    const instances = [stateStorage(container), stateStorage(container)];
    const key = 'webchat/conversations/abc/';
    for (let turn = 0; turn < 10; turn++) {
      const storage = instances[turn % 2] as BlobStateStorage;
      const current = ((await storage.read([key]))[key] ?? { seen: [] }) as { seen: number[]; eTag?: string };
      await storage.write({ [key]: { ...current, seen: [...current.seen, turn] } });
    }
    await expect(instances[0]?.read([key])).resolves.toMatchObject({ [key]: { seen: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] } });
  });

  it('lets only one of two instances win a concurrent read-modify-write', async () => {
    const container = freshContainer('state');
    const [a, b] = [stateStorage(container), stateStorage(container)];
    await a.write({ k: { n: 0 } });
    const readA = (await a.read(['k'])).k as object;
    const readB = (await b.read(['k'])).k as object;
    const results = await Promise.allSettled([a.write({ k: { ...readA, n: 1 } }), b.write({ k: { ...readB, n: 2 } })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('deletes by prefix in the library’s blob layout, sparing conversation abc123', async () => {
    const container = freshContainer('state');
    // Written by the library itself, so the test proves we find its blobs.
    const library = new BlobsStorage(azurite.connectionString, container);
    await library.write({
      'webchat/conversations/abc/': {},
      'webchat/conversations/abc/custom': {},
      'webchat/conversations/abc/users/u/': {},
      'webchat/conversations/abc123/': {},
    });
    await expect(stateStorage(container).deleteByPrefix('webchat/conversations/abc/')).resolves.toBe(3);
    const left = await library.read(['webchat/conversations/abc/', 'webchat/conversations/abc/custom', 'webchat/conversations/abc123/']);
    expect(Object.keys(left)).toEqual(['webchat/conversations/abc123/']);
  });
});

describe('BlobTranscriptStore (Azurite)', () => {
  it('records a conversation through TranscriptLoggerMiddleware and reads it back in order', async () => {
    const store = transcriptStore(freshContainer('transcripts'));
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(`you said: ${context.activity.text}`);
    }).use(new TranscriptLoggerMiddleware(store));
    await adapter.send('hello').assertReply('you said: hello').send('bye').assertReply('you said: bye');
    await store.flush();
    const { conversation, channelId } = adapter.conversation;
    const page = await store.getTranscriptActivities(channelId ?? '', conversation.id);
    expect(page.items.map((a) => a.text)).toEqual(['hello', 'you said: hello', 'bye', 'you said: bye']);
    expect(page.items[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('waits for un-awaited logActivity calls before reading', async () => {
    const store = transcriptStore(freshContainer('transcripts'));
    for (let n = 0; n < 4; n++) void store.logActivity(activity('c', n));
    const page = await store.getTranscriptActivities('webchat', 'c');
    expect(page.items.map((a) => a.id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3']);
  });

  it('reads activities back in the order they were logged when their clocks tie or run backwards', async () => {
    const store = transcriptStore(freshContainer('transcripts'));
    const same = new Date(Date.UTC(2025, 0, 1, 10, 0, 0));
    // Ids chosen so that sorting by id alone would give the wrong order.
    await store.logActivity({ ...activity('c', 0, same), id: 'z-message' });
    await store.logActivity({ ...activity('c', 1, same), id: 'a-reply' });
    await store.logActivity({ ...activity('c', 2, new Date(same.getTime() - 5000)), id: 'm-late-clock' });
    const page = await store.getTranscriptActivities('webchat', 'c');
    expect(page.items.map((a) => a.id)).toEqual(['z-message', 'a-reply', 'm-late-clock']);
  });

  it('keeps conversation abc apart from abc123 when reading and deleting (the library mixes them)', async () => {
    const container = freshContainer('transcripts');
    const store = transcriptStore(container);
    await store.logActivity(activity('abc', 1));
    await store.logActivity(activity('abc123', 2));

    const library = new BlobsTranscriptStore(azurite.connectionString, container);
    const mixed = await library.getTranscriptActivities('webchat', 'abc');
    expect(mixed.items.map((a) => a.id).sort()).toEqual(['abc-1', 'abc123-2']); // why we do not use its reads

    await expect(store.getTranscriptActivities('webchat', 'abc')).resolves.toMatchObject({ items: [{ id: 'abc-1' }] });
    await store.deleteTranscript('webchat', 'abc');
    await expect(store.getTranscriptActivities('webchat', 'abc')).resolves.toMatchObject({ items: [] });
    await expect(store.getTranscriptActivities('webchat', 'abc123')).resolves.toMatchObject({ items: [{ id: 'abc123-2' }] });
  });

  it('pages with continuation tokens and filters by startDate', async () => {
    const store = transcriptStore(freshContainer('transcripts'), 3);
    for (let n = 0; n < 7; n++) await store.logActivity(activity('c', n));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await store.getTranscriptActivities('webchat', 'c', token);
      seen.push(...page.items.map((a) => a.id ?? ''));
      token = page.continuationToken;
    } while (token);
    expect(seen).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6']);

    const later: string[] = [];
    token = undefined;
    do {
      const page = await store.getTranscriptActivities('webchat', 'c', token, new Date(Date.UTC(2025, 0, 1, 10, 0, 5)));
      later.push(...page.items.map((a) => a.id ?? ''));
      token = page.continuationToken;
    } while (token);
    expect(later).toEqual(['c-5', 'c-6']);
  });

  it('lists each transcript once, with the time of its first activity', async () => {
    const store = transcriptStore(freshContainer('transcripts'));
    await store.logActivity(activity('second', 1, new Date('2025-02-01T00:00:00Z')));
    await store.logActivity(activity('second', 2, new Date('2025-02-02T00:00:00Z')));
    await store.logActivity(activity('first', 1, new Date('2025-01-01T00:00:00Z')));
    await store.logActivity({ ...activity('teams', 1), channelId: 'msteams' });
    const page = await store.listTranscripts('webchat');
    expect(page.items).toEqual([
      { channelId: 'webchat', id: 'first', created: new Date('2025-01-01T00:00:00Z') },
      { channelId: 'webchat', id: 'second', created: new Date('2025-02-01T00:00:00Z') },
    ]);
  });

  it('accepts activities whose timestamp went through JSON (a string)', async () => {
    const store = transcriptStore(freshContainer('transcripts'));
    const serialised = JSON.parse(JSON.stringify(activity('c', 1))) as Activity;
    await store.logActivity(serialised);
    await expect(store.getTranscriptActivities('webchat', 'c')).resolves.toMatchObject({ items: [{ id: 'c-1' }] });
  });

  it('writes blobs in the library layout (one per activity, readable by BlobsTranscriptStore)', async () => {
    const container = freshContainer('transcripts');
    await transcriptStore(container).logActivity(activity('conv', 1));
    const names: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, container).listBlobsFlat()) names.push(blob.name);
    expect(names).toHaveLength(1);
    expect(decodeURIComponent(names[0] ?? '')).toMatch(/^webchat\/conv\/[0-9a-f]+-conv-1\.json$/);
    const library = new BlobsTranscriptStore(azurite.connectionString, container);
    await expect(library.getTranscriptActivities('webchat', 'conv')).resolves.toMatchObject({ items: [{ id: 'conv-1' }] });
  });
});
