import { ConversationState, MemoryStorage, Storage, StoreItems, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtagMismatchError } from '../../../src/storage/documentStore';
import { FileStorage } from '../../../src/bot/storage/fileStorage';
import { StateJournal } from '../../../src/storage/stateJournal';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'filestorage-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let counter = 0;
const freshDir = (): string => join(root, `state-${++counter}`);

/** Runs the same steps on a store and records what happened, without the (store-specific) eTag values. */
async function scenario(storage: Storage): Promise<unknown[]> {
  const outcome: unknown[] = [];
  const attempt = async (step: string, op: () => Promise<unknown>): Promise<void> => {
    try {
      outcome.push([step, 'ok', await op()]);
    } catch (err) {
      outcome.push([step, 'rejected', (err as Error).message]);
    }
  };
  const withoutEtags = (items: StoreItems): StoreItems =>
    Object.fromEntries(Object.entries(items).map(([key, item]) => [key, { ...(item as object), eTag: typeof (item as { eTag?: unknown }).eTag }]));

  await attempt('write without eTag', () => storage.write({ 'c/conversations/1/': { turns: 1 } }));
  const first = (await storage.read(['c/conversations/1/']))['c/conversations/1/'] as { eTag: string };
  outcome.push(['read', withoutEtags(await storage.read(['c/conversations/1/', 'missing']))]);
  await attempt('write with current eTag', () => storage.write({ 'c/conversations/1/': { turns: 2, eTag: first.eTag } }));
  await attempt('write with stale eTag', () => storage.write({ 'c/conversations/1/': { turns: 3, eTag: first.eTag } }));
  await attempt('write with *', () => storage.write({ 'c/conversations/1/': { turns: 4, eTag: '*' } }));
  await attempt('eTag for a key holding nothing', () => storage.write({ 'c/users/u/': { name: 'x', eTag: 'no-such-etag' } }));
  await attempt('two keys, one stale', () =>
    storage.write({ 'c/conversations/1/': { turns: 5, eTag: first.eTag }, 'c/users/v/': { name: 'v' } }),
  );
  outcome.push(['after', withoutEtags(await storage.read(['c/conversations/1/', 'c/users/u/', 'c/users/v/']))]);
  await attempt('delete', () => storage.delete(['c/conversations/1/', 'never-written']));
  outcome.push(['after delete', withoutEtags(await storage.read(['c/conversations/1/']))]);
  return outcome;
}

describe('FileStorage', () => {
  it('behaves exactly like MemoryStorage, eTag rules and error messages included', async () => {
    const expected = await scenario(new MemoryStorage());
    await expect(scenario(new FileStorage({ dir: freshDir() }))).resolves.toEqual(expected);
  });

  it('rejects a stale eTag with an EtagMismatchError subclass', async () => {
    const storage = new FileStorage({ dir: freshDir() });
    await storage.write({ k: { n: 1 } });
    const { eTag } = (await storage.read(['k'])).k as { eTag: string };
    await storage.write({ k: { n: 2, eTag } });
    const rejection = storage.write({ k: { n: 3, eTag } });
    await expect(rejection).rejects.toBeInstanceOf(EtagMismatchError);
    await expect(rejection).rejects.toMatchObject({ name: 'StateEtagConflictError' });
  });

  it('keeps every change when two instances take turns at read-modify-write with eTags', async () => {
    const dir = freshDir();
    const instances = [new FileStorage({ dir }), new FileStorage({ dir })];
    const key = 'webchat/conversations/abc/';
    for (let turn = 0; turn < 10; turn++) {
      const storage = instances[turn % 2] as FileStorage;
      const current = ((await storage.read([key]))[key] ?? { seen: [] }) as { seen: number[]; eTag?: string };
      await storage.write({ [key]: { ...current, seen: [...current.seen, turn] } });
    }
    const final = (await instances[0]?.read([key]))?.[key] as { seen: number[] };
    expect(final.seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets only one of two instances win a concurrent read-modify-write', async () => {
    const dir = freshDir();
    const [a, b] = [new FileStorage({ dir }), new FileStorage({ dir })];
    await a.write({ k: { n: 0 } });
    const [readA, readB] = [(await a.read(['k'])).k, (await b.read(['k'])).k] as { n: number; eTag: string }[];
    const results = await Promise.allSettled([a.write({ k: { ...readA, n: 1 } }), b.write({ k: { ...readB, n: 2 } })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('keeps ConversationState and UserState across a restart', async () => {
    const dir = freshDir();
    const runTurn = async (storage: FileStorage, text: string): Promise<{ turns: number; name?: string }> => {
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
    await runTurn(new FileStorage({ dir }), 'name Sam');
    StateJournal.for(dir, { fsync: false }).close(); // as a restart would: the next store reads the file
    await expect(runTurn(new FileStorage({ dir }), 'hello')).resolves.toEqual({ turns: 2, name: 'Sam' });
  });

  it('BotState saves with eTag "*" (last writer wins): eTag checks only protect direct read-modify-write', async () => {
    const storage = new FileStorage({ dir: freshDir() });
    const write = jest.spyOn(storage, 'write');
    const state = new ConversationState(storage);
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await state.createProperty<number>('n').set(context, 1);
      await state.saveChanges(context);
    });
    await adapter.send('hi');
    const [[changes]] = write.mock.calls as [[StoreItems]];
    expect(Object.values(changes).map((item) => (item as { eTag?: string }).eTag)).toEqual(['*']);
  });

  it('deletes by prefix without touching a conversation whose id merely starts the same', async () => {
    const storage = new FileStorage({ dir: freshDir() });
    await storage.write({
      'c/conversations/abc/': {},
      'c/conversations/abc/dialogs': {},
      'c/conversations/abc/users/u/': {},
      'c/conversations/abc123/': {},
    });
    await expect(storage.deleteByPrefix('c/conversations/abc/')).resolves.toBe(3);
    expect(Object.keys(await storage.read(['c/conversations/abc/', 'c/conversations/abc123/']))).toEqual(['c/conversations/abc123/']);
  });
});
