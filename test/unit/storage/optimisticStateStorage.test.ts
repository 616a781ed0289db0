import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { OptimisticStateStorage } from '../../../src/bot/storage/optimisticStateStorage';

/** A turn context for one conversation, as each bot instance would build for its own request. */
function turn(adapter: TestAdapter): TurnContext {
  return new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: 'x' }, from: { id: 'u', name: 'u' }, recipient: { id: 'bot', name: 'bot' }, text: 'hi' });
}

describe('OptimisticStateStorage', () => {
  it('refuses the second of two concurrent turns that read the same state, instead of overwriting it', async () => {
    const shared = new MemoryStorage();
    const adapter = new TestAdapter(async () => undefined);
    // Two bot instances, each with its own ConversationState, over one store.
    const stateA = new ConversationState(new OptimisticStateStorage(shared));
    const stateB = new ConversationState(new OptimisticStateStorage(shared));
    const seedCtx = turn(adapter);
    const seed = stateA.createProperty<{ n: number }>('data');
    await seed.set(seedCtx, { n: 0 });
    await stateA.saveChanges(seedCtx);

    const ctxA = turn(adapter);
    const ctxB = turn(adapter);
    const a = stateA.createProperty<{ n: number; by?: string }>('data');
    const b = stateB.createProperty<{ n: number; by?: string }>('data');
    await a.get(ctxA);
    await b.get(ctxB); // both read n = 0
    await a.set(ctxA, { n: 1, by: 'A' });
    await b.set(ctxB, { n: 1, by: 'B' });
    await stateA.saveChanges(ctxA);
    await expect(stateB.saveChanges(ctxB)).rejects.toThrow(/eTag conflict/);

    const check = turn(adapter);
    const fresh = new ConversationState(shared).createProperty<{ by?: string }>('data');
    expect((await fresh.get(check))?.by).toBe('A');
  });

  it('lets turns that take turns save normally', async () => {
    const shared = new MemoryStorage();
    const adapter = new TestAdapter(async () => undefined);
    const states = [new ConversationState(new OptimisticStateStorage(shared)), new ConversationState(new OptimisticStateStorage(shared))];
    for (let i = 0; i < 6; i++) {
      const state = states[i % 2];
      const ctx = turn(adapter);
      const prop = state.createProperty<{ n: number }>('data');
      const current = await prop.get(ctx, { n: 0 });
      await prop.set(ctx, { n: current.n + 1 });
      await state.saveChanges(ctx);
    }
    const ctx = turn(adapter);
    expect((await new ConversationState(shared).createProperty<{ n: number }>('data').get(ctx))?.n).toBe(6);
  });
});
