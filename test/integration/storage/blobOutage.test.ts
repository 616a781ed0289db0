import { ActivityTypes, Activity } from 'botbuilder';
import { createStores, Stores } from '../../../src/bot/storage/createStores';
import { StoreUnavailableError } from '../../../src/storage/documentStore';
import { Azurite, startAzurite } from '../../helpers/azurite';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.dispose();
});

const blobStores = (container: string): Stores =>
  createStores({ kind: 'blob', dataDir: '/unused', connectionString: azurite.connectionString, container });

const message = (conversationId: string): Activity =>
  ({
    type: ActivityTypes.Message,
    id: `m-${Math.random()}`,
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: 'parent' },
    recipient: { id: 'bot' },
    timestamp: new Date(),
  }) as Activity;

describe('blob stores when Azurite goes down and comes back', () => {
  it('ping and every operation reject with StoreUnavailableError while down, and all work again after', async () => {
    const used = blobStores('outage');
    await used.ping();
    await used.state.write({ 'webchat/conversations/c/': { n: 1 } });
    await used.documents.write('handoff/1.json', { n: 1 });
    await used.transcripts.logActivity(message('c'));
    // Stores that never got to talk to the service before the outage: botbuilder-azure-blobs would
    // cache their failed container creation and stay broken after the service returns.
    const untouched = blobStores('fresh');

    await azurite.stop();
    const started = Date.now();
    await expect(used.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    const pingMs = Date.now() - started;
    await expect(used.state.read(['webchat/conversations/c/'])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(used.documents.read('handoff/1.json')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(used.transcripts.logActivity(message('c'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(untouched.state.write({ k: {} })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(untouched.transcripts.logActivity(message('x'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(untouched.documents.write('handoff/2.json', {})).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(pingMs).toBeLessThan(5000);

    await azurite.start();
    await expect(used.ping()).resolves.toBeUndefined();
    await expect(used.state.read(['webchat/conversations/c/'])).resolves.toMatchObject({ 'webchat/conversations/c/': { n: 1 } });
    await expect(used.documents.read('handoff/1.json')).resolves.toMatchObject({ value: { n: 1 } });
    await untouched.state.write({ k: { ok: true } });
    await expect(untouched.state.read(['k'])).resolves.toMatchObject({ k: { ok: true } });
    await untouched.transcripts.logActivity(message('x'));
    await expect(untouched.transcripts.getTranscriptActivities('webchat', 'x')).resolves.toMatchObject({ items: [{}] });
    await expect(untouched.documents.create('handoff/2.json', {})).resolves.toBe(true);
    await expect(untouched.ping()).resolves.toBeUndefined();
  });
});
