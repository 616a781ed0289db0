import pino from 'pino';
import { createHandoffDelivery } from '../../../src/handoff/createHandoffDelivery';
import type { HandoffRecord } from '../../../src/handoff/record';
import type { HandoffSink } from '../../../src/handoff/sink';
import { MemoryDocumentStore } from '../../../src/storage/memoryDocumentStore';
import { makeRecord } from './helpers/records';

class CountingSink implements HandoffSink {
  readonly delivered: string[] = [];
  constructor(readonly name: string) {}
  async deliver(record: HandoffRecord): Promise<void> {
    this.delivered.push(record.id);
  }
}

describe('cancelling a hand-off in the outbox', () => {
  it('stops delivery of a record the parent withdrew, and keeps it out of the pending count', async () => {
    const store = new MemoryDocumentStore();
    const sink = new CountingSink('webhook');
    const { outbox, worker } = createHandoffDelivery({ store, sinks: [sink], logger: pino({ level: 'silent' }), pollIntervalMs: 20 });
    const record = makeRecord();
    await outbox.enqueue(record);
    expect(await outbox.cancel(record.id)).toEqual({ alreadyDelivered: [] });
    await worker.start();
    await new Promise((r) => setTimeout(r, 200));
    await worker.stop();
    expect(sink.delivered).toEqual([]);
    expect((await outbox.read(record.id))?.entry.cancelledAt).toBeDefined();
    expect(worker.health().sinks.webhook?.pending ?? 0).toBe(0);
  });

  it('reports which sinks already had it', async () => {
    const store = new MemoryDocumentStore();
    const sink = new CountingSink('email');
    const { outbox, worker } = createHandoffDelivery({ store, sinks: [sink], logger: pino({ level: 'silent' }), pollIntervalMs: 20 });
    const record = makeRecord();
    await outbox.enqueue(record);
    await worker.start();
    for (let i = 0; i < 50 && !sink.delivered.length; i++) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(await outbox.cancel(record.id)).toEqual({ alreadyDelivered: ['email'] });
    expect(await outbox.cancel('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
