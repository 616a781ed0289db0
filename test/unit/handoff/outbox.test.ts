import './helpers/restoreNock';
import { EtagMismatchError, StoreUnavailableError } from '../../../src/storage/documentStore';
import { MemoryDocumentStore } from '../../../src/storage/memoryDocumentStore';
import { ConsentNotGivenError, InvalidHandoffRecordError } from '../../../src/handoff/errors';
import { HandoffOutbox, outboxKey } from '../../../src/handoff/outbox';
import type { OutboxEntry } from '../../../src/handoff/outboxEntry';
import { captureLogger, silentLogger } from './helpers/logs';
import { makeRecord, PERSONAL_TEXT } from './helpers/records';

function newOutbox(store = new MemoryDocumentStore(), logger = silentLogger): HandoffOutbox {
  return new HandoffOutbox({ store, sinkNames: ['webhook', 'email'], logger });
}

describe('HandoffOutbox.enqueue', () => {
  it('has the record stored, pending for every sink, by the time it resolves', async () => {
    const store = new MemoryDocumentStore();
    const record = makeRecord();
    await expect(newOutbox(store).enqueue(record)).resolves.toBe('created');

    const stored = await store.read<OutboxEntry>(outboxKey(record.id));
    expect(stored?.value.record).toEqual(record);
    expect(Object.keys(stored?.value.deliveries ?? {})).toEqual(['webhook', 'email']);
    expect(stored?.value.deliveries.webhook).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await store.list('handoff/')).toEqual([`handoff/${record.id}.json`]);
  });

  it('keeps one record when the same id is enqueued twice', async () => {
    const store = new MemoryDocumentStore();
    const outbox = newOutbox(store);
    const record = makeRecord();
    await outbox.enqueue(record);
    await expect(outbox.enqueue(record)).resolves.toBe('existing');
    expect(await outbox.listIds()).toEqual([record.id]);
  });

  it('keeps the first version when the same id comes back with other content, and warns without personal data', async () => {
    const logs = captureLogger();
    const store = new MemoryDocumentStore();
    const outbox = newOutbox(store, logs.logger);
    const record = makeRecord();
    await outbox.enqueue(record);
    await outbox.enqueue({ ...record, contact: { name: 'Someone Else' } });

    expect((await outbox.read(record.id))?.entry.record).toEqual(record);
    expect(logs.text()).toContain('kept the first version');
    for (const text of [...PERSONAL_TEXT, 'Someone Else']) expect(logs.text()).not.toContain(text);
  });

  it('refuses a record without consent and stores nothing', async () => {
    const store = new MemoryDocumentStore();
    const record = makeRecord();
    record.consent.agreed = false;
    await expect(newOutbox(store).enqueue(record)).rejects.toBeInstanceOf(ConsentNotGivenError);
    expect(await store.list('handoff/')).toEqual([]);
  });

  it('refuses an invalid record naming the fields but not their values', async () => {
    const record = makeRecord({ createdAt: 'yesterday' });
    (record.contact as { phone: unknown }).phone = 7700900123;
    const error = await newOutbox().enqueue(record).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHandoffRecordError);
    expect((error as Error).name).toBe('InvalidHandoffRecordError');
    expect((error as Error).message).toContain('createdAt');
    expect((error as Error).message).toContain('contact.phone');
    expect((error as Error).message).not.toContain('7700900123');
    expect((error as Error).message).not.toContain('yesterday');
  });

  it('fails (so the dialog can tell the parent) when the store is down', async () => {
    const store = new MemoryDocumentStore();
    jest.spyOn(store, 'create').mockRejectedValue(new StoreUnavailableError('store down'));
    await expect(newOutbox(store).enqueue(makeRecord())).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('tells subscribers about each enqueue', async () => {
    const outbox = newOutbox();
    const seen: string[] = [];
    const unsubscribe = outbox.subscribe((id) => seen.push(id));
    const record = makeRecord();
    await outbox.enqueue(record);
    unsubscribe();
    await outbox.enqueue(makeRecord());
    expect(seen).toEqual([record.id]);
  });
});

describe('HandoffOutbox.update', () => {
  it('re-reads and re-applies the change when another writer got there first', async () => {
    const store = new MemoryDocumentStore();
    const outbox = newOutbox(store);
    const record = makeRecord();
    await outbox.enqueue(record);

    const realWrite = store.write.bind(store);
    let interfered = false;
    jest.spyOn(store, 'write').mockImplementation(async (key, value, etag) => {
      if (!interfered) {
        interfered = true;
        // Another instance writes between our read and our write.
        const current = await store.read<OutboxEntry>(key);
        await realWrite(key, { ...(current?.value as OutboxEntry), claimedBy: 'other' });
      }
      return realWrite(key, value, etag);
    });

    const result = await outbox.update(record.id, (entry) => ({ ...entry, completedAt: '2026-01-05T11:00:00.000Z' }));
    expect(result?.changed).toBe(true);
    const stored = (await outbox.read(record.id))?.entry;
    expect(stored?.claimedBy).toBe('other');
    expect(stored?.completedAt).toBe('2026-01-05T11:00:00.000Z');
  });

  it('gives up after repeated conflicts rather than looping forever', async () => {
    const store = new MemoryDocumentStore();
    const outbox = newOutbox(store);
    const record = makeRecord();
    await outbox.enqueue(record);
    jest.spyOn(store, 'write').mockRejectedValue(new EtagMismatchError(outboxKey(record.id)));
    await expect(outbox.update(record.id, (entry) => ({ ...entry, claimedBy: 'me' }))).rejects.toBeInstanceOf(EtagMismatchError);
  });
});
