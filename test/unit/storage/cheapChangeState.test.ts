import { ConversationState, MemoryStorage, StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { CheapConversationState, CheapUserState } from '../../../src/bot/storage/cheapChangeState';

/** Runs turns that set `n` to the given values and counts how many writes reach storage. */
async function writesFor(make: (storage: MemoryStorage) => ConversationState, values: number[]): Promise<{ writes: number; stored: unknown }> {
  const storage = new MemoryStorage();
  const write = jest.spyOn(storage, 'write');
  const state = make(storage);
  const n = state.createProperty<number>('n');
  let turn = 0;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await n.set(context, values[turn++] as number);
    await state.saveChanges(context);
  });
  for (let i = 0; i < values.length; i++) await adapter.send(`turn ${i}`);
  const key = `test/conversations/${adapter.conversation.conversation.id}/`;
  return { writes: write.mock.calls.length, stored: ((await storage.read([key])) as StoreItems)[key] };
}

describe('CheapConversationState', () => {
  it('writes exactly when botbuilder would: on change, not on an unchanged turn', async () => {
    const values = [1, 1, 2, 2, 2, 3];
    const ours = await writesFor((s) => new CheapConversationState(s), values);
    const sdk = await writesFor((s) => new ConversationState(s), values);
    expect(ours.writes).toBe(sdk.writes);
    expect(ours.writes).toBe(3);
    expect(ours.stored).toMatchObject({ n: 3 });
  });

  it('saves when forced even if nothing changed, and reloads when forced', async () => {
    const storage = new MemoryStorage();
    const write = jest.spyOn(storage, 'write');
    const state = new CheapUserState(storage);
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await state.load(context);
      await state.saveChanges(context, true);
      await expect(state.load(context, true)).resolves.toMatchObject({});
    });
    await adapter.send('hi');
    expect(write).toHaveBeenCalledTimes(1);
  });
});
