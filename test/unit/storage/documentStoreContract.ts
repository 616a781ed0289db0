// Shared behaviour every DocumentStore must have; run against memory, file and blob stores.
import { DocumentStore, EtagMismatchError } from '../../../src/storage/documentStore';
import { InvalidKeyError } from '../../../src/storage/documentKey';

export interface ContractOptions {
  /** Whether the store validates keys (the memory store used by unit tests does not). */
  validatesKeys: boolean;
}

export function describeDocumentStoreContract(name: string, makeStore: () => Promise<DocumentStore> | DocumentStore, options: ContractOptions): void {
  describe(`${name} (DocumentStore contract)`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('round-trips JSON values, including non-ASCII text', async () => {
      const value = { text: 'My son’s EHCP — £100, café 😀', list: [1, 2, 3], nested: { ok: true } };
      const etag = await store.write('handoff/a.json', value);
      expect(typeof etag).toBe('string');
      await expect(store.read('handoff/a.json')).resolves.toEqual({ value, etag });
    });

    it('reads a missing key as undefined', async () => {
      await expect(store.read('nothing/here')).resolves.toBeUndefined();
    });

    it('gives every write a new etag', async () => {
      const first = await store.write('k', { n: 1 });
      const second = await store.write('k', { n: 1 });
      expect(second).not.toBe(first);
    });

    it('writes with the current etag and rejects a stale one', async () => {
      const first = await store.write('k', { n: 1 });
      const second = await store.write('k', { n: 2 }, first);
      await expect(store.write('k', { n: 3 }, first)).rejects.toBeInstanceOf(EtagMismatchError);
      await expect(store.read('k')).resolves.toEqual({ value: { n: 2 }, etag: second });
    });

    it('rejects an etag write to a key that holds nothing', async () => {
      await expect(store.write('missing', { n: 1 }, 'some-etag')).rejects.toBeInstanceOf(EtagMismatchError);
      await expect(store.read('missing')).resolves.toBeUndefined();
    });

    it('lets exactly one of several concurrent writes with the same etag win', async () => {
      const etag = await store.write('race', { winner: -1 });
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.write('race', { winner: i }, etag)));
      const won = results.filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      lost.forEach((r) => expect(r.reason).toBeInstanceOf(EtagMismatchError));
      const stored = await store.read<{ winner: number }>('race');
      expect(stored?.etag).toBe(won[0]?.value);
      expect(results[stored?.value.winner ?? -1]?.status).toBe('fulfilled');
    });

    it('creates only when the key is free', async () => {
      await expect(store.create('once', { n: 1 })).resolves.toBe(true);
      await expect(store.create('once', { n: 2 })).resolves.toBe(false);
      await expect(store.read('once')).resolves.toMatchObject({ value: { n: 1 } });
    });

    it('lets exactly one of several concurrent creates win', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.create('first', { i })));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('deletes, and deleting a missing key is fine', async () => {
      await store.write('gone', { n: 1 });
      await store.delete('gone');
      await store.delete('gone');
      await expect(store.read('gone')).resolves.toBeUndefined();
    });

    it('lists keys under a prefix in lexical order', async () => {
      for (const key of ['handoff/b.json', 'handoff/a.json', 'handoff-other', 'other/c', 'handoff/B.json']) await store.write(key, {});
      await expect(store.list('handoff/')).resolves.toEqual(['handoff/B.json', 'handoff/a.json', 'handoff/b.json']);
      await expect(store.list('none/')).resolves.toEqual([]);
    });

    it('answers ping when healthy', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    if (options.validatesKeys) {
      it.each(['', '..', '../escape', 'a/../../escape', 'a/./b', 'a\\b', 'a\u0000b', 'line\nbreak'])('rejects the key %j', async (key) => {
        await expect(store.write(key, {})).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.read(key)).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidKeyError);
      });
    }
  });
}
