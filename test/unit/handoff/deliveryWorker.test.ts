import './helpers/restoreNock';
import { MemoryDocumentStore } from '../../../src/storage/memoryDocumentStore';
import { createHandoffDelivery } from '../../../src/handoff/createHandoffDelivery';
import { DeliveryWorker } from '../../../src/handoff/deliveryWorker';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../../../src/handoff/errors';
import { HandoffOutbox, outboxKey } from '../../../src/handoff/outbox';
import { withClaim, type OutboxEntry } from '../../../src/handoff/outboxEntry';
import type { HandoffRecord } from '../../../src/handoff/record';
import type { HandoffSink } from '../../../src/handoff/sink';
import { captureLogger, silentLogger } from './helpers/logs';
import { makeRecord, PERSONAL_TEXT } from './helpers/records';
import { ManualTime, settle } from './helpers/time';

/** A sink whose answers the test scripts; remembers every record it was given. */
class ScriptedSink implements HandoffSink {
  readonly calls: HandoffRecord[] = [];
  private readonly script: Array<() => Promise<void>> = [];
  constructor(readonly name: string) {}

  /** Queue the next answers; once the script is used up the sink succeeds. */
  then(...answers: Array<'ok' | 'fail' | 'reject' | (() => Promise<void>)>): this {
    for (const answer of answers) {
      if (answer === 'ok') this.script.push(async () => undefined);
      else if (answer === 'fail') this.script.push(async () => Promise.reject(new HandoffDeliveryError(this.name, 'HTTP 500')));
      else if (answer === 'reject') this.script.push(async () => Promise.reject(new DeliveryRejectedError(this.name, 'HTTP 400')));
      else this.script.push(answer);
    }
    return this;
  }

  async deliver(record: HandoffRecord): Promise<void> {
    this.calls.push(record);
    const next = this.script.shift();
    if (next) await next();
  }
}

const BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 60_000, rejectedDelayMs: 3_600_000 };

function setup(sinks: HandoffSink[], options: { store?: MemoryDocumentStore; time?: ManualTime; instanceId?: string; logger?: ReturnType<typeof captureLogger>['logger'] } = {}) {
  const store = options.store ?? new MemoryDocumentStore();
  const time = options.time ?? new ManualTime();
  const { outbox, worker } = createHandoffDelivery({
    store,
    sinks,
    logger: options.logger ?? silentLogger,
    instanceId: options.instanceId ?? 'worker-a',
    backoff: BACKOFF,
    clock: time,
    timers: time,
    random: () => 0.5,
    attemptTimeoutMs: 30_000,
    leaseMs: 60_000,
    pollIntervalMs: 600_000,
  });
  return { store, time, outbox, worker };
}

async function entryOf(store: MemoryDocumentStore, id: string): Promise<OutboxEntry> {
  const stored = await store.read<OutboxEntry>(outboxKey(id));
  if (!stored) throw new Error(`no entry ${id}`);
  return stored.value;
}

describe('DeliveryWorker', () => {
  it('delivers a new record to every sink once and releases its claim', async () => {
    const webhook = new ScriptedSink('webhook');
    const email = new ScriptedSink('email');
    const { store, outbox, worker } = setup([webhook, email]);
    await worker.start();

    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();

    expect(webhook.calls).toEqual([record]);
    expect(email.calls).toEqual([record]);
    const entry = await entryOf(store, record.id);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'delivered', attempts: 1 });
    expect(entry.completedAt).toBeDefined();
    expect(entry.claimedBy).toBeUndefined();
    expect(worker.health()).toEqual({
      status: 'ok',
      sinks: { webhook: { status: 'ok', pending: 0, rejected: 0 }, email: { status: 'ok', pending: 0, rejected: 0 } },
    });
    await worker.stop();
  });

  it('retries a failing sink with exponential backoff, recording attempts and the last error', async () => {
    const webhook = new ScriptedSink('webhook').then('fail', 'fail', 'fail');
    const email = new ScriptedSink('email');
    const { store, time, outbox, worker } = setup([webhook, email]);
    await worker.start();
    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();

    // random() = 0.5 gives 75% of each exponential step: 750 ms, 1.5 s, 3 s.
    let entry = await entryOf(store, record.id);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HandoffDeliveryError: HTTP 500' });
    expect(Date.parse(entry.deliveries.webhook?.nextAttemptAt ?? '') - time.now()).toBe(750);
    expect(entry.deliveries.email?.state).toBe('delivered');

    await time.advance(749);
    expect(webhook.calls).toHaveLength(1);
    await time.advance(1);
    expect(webhook.calls).toHaveLength(2);
    await time.advance(1_500);
    expect(webhook.calls).toHaveLength(3);
    await time.advance(2_999);
    expect(webhook.calls).toHaveLength(3);
    await time.advance(1);
    expect(webhook.calls).toHaveLength(4);

    entry = await entryOf(store, record.id);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'delivered', attempts: 4 });
    expect(email.calls).toHaveLength(1);
    await worker.stop();
  });

  it('reports a failing sink as degraded, with its pending count, until it recovers', async () => {
    const webhook = new ScriptedSink('webhook').then('fail');
    const { time, outbox, worker } = setup([webhook]);
    await worker.start();
    await outbox.enqueue(makeRecord());
    await settle();

    expect(worker.health()).toMatchObject({
      status: 'degraded',
      sinks: { webhook: { status: 'degraded', pending: 1, lastError: 'HandoffDeliveryError: HTTP 500' } },
    });
    await time.advance(1_000);
    expect(worker.health()).toMatchObject({ status: 'ok', sinks: { webhook: { status: 'ok', pending: 0 } } });
    await worker.stop();
  });

  it('keeps a rejected record pending, flags it and waits long before trying again', async () => {
    const webhook = new ScriptedSink('webhook').then('reject');
    const { store, time, outbox, worker } = setup([webhook]);
    await worker.start();
    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();

    const entry = await entryOf(store, record.id);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'pending', rejected: true, attempts: 1 });
    expect(worker.health().sinks.webhook).toMatchObject({ status: 'degraded', pending: 1, rejected: 1 });

    await time.advance(BACKOFF.maxDelayMs * 10);
    expect(webhook.calls).toHaveLength(1); // no hammering
    await time.advance(BACKOFF.rejectedDelayMs);
    expect(webhook.calls).toHaveLength(2);
    expect((await entryOf(store, record.id)).deliveries.webhook?.state).toBe('delivered');
    await worker.stop();
  });

  it('waits at least as long as the receiver asked (Retry-After)', async () => {
    const webhook = new ScriptedSink('webhook').then(async () => Promise.reject(new HandoffDeliveryError('webhook', 'HTTP 429', { retryAfterMs: 120_000 })));
    const { time, outbox, worker } = setup([webhook]);
    await worker.start();
    await outbox.enqueue(makeRecord());
    await settle();
    await time.advance(119_999);
    expect(webhook.calls).toHaveLength(1);
    await time.advance(1);
    expect(webhook.calls).toHaveLength(2);
    await worker.stop();
  });

  it('counts a sink that never answers as failed after the attempt timeout', async () => {
    const webhook = new ScriptedSink('webhook').then(() => new Promise<void>(() => undefined));
    const { store, time, outbox, worker } = setup([webhook]);
    await worker.start();
    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();
    await time.advance(30_000);
    expect((await entryOf(store, record.id)).deliveries.webhook).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('DeliveryTimeoutError') });
    await worker.stop();
  });

  it('resumes pending deliveries after a restart (a new worker on the same store)', async () => {
    const store = new MemoryDocumentStore();
    const time = new ManualTime();
    const downWebhook = new ScriptedSink('webhook').then('fail', 'fail', 'fail', 'fail');
    const first = setup([downWebhook, new ScriptedSink('email')], { store, time, instanceId: 'process-1' });
    await first.worker.start();
    const records = [makeRecord(), makeRecord(), makeRecord()];
    for (const record of records) await first.outbox.enqueue(record);
    await settle();
    await first.worker.stop();

    const webhook = new ScriptedSink('webhook');
    const email = new ScriptedSink('email');
    const second = setup([webhook, email], { store, time, instanceId: 'process-2' });
    await second.worker.start();
    await time.advance(BACKOFF.maxDelayMs);

    expect(webhook.calls.map((r) => r.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect(email.calls).toHaveLength(0); // already delivered by the first process
    for (const record of records) expect((await entryOf(store, record.id)).completedAt).toBeDefined();
    await second.worker.stop();
  });

  it('resumes after a crash once the dead process’s lease runs out, not before', async () => {
    const store = new MemoryDocumentStore();
    const time = new ManualTime();
    const record = makeRecord();
    const seed = new HandoffOutbox({ store, sinkNames: ['webhook'], logger: silentLogger, clock: time });
    await seed.enqueue(record);
    // The crashed process had claimed it a moment ago.
    const claimed = withClaim((await seed.read(record.id))!.entry, 'crashed-process', time.now() + 60_000);
    await store.write(outboxKey(record.id), claimed);

    const webhook = new ScriptedSink('webhook');
    const { worker } = setup([webhook], { store, time, instanceId: 'process-2' });
    await worker.start();
    await time.advance(59_999);
    expect(webhook.calls).toHaveLength(0);
    await time.advance(1);
    expect(webhook.calls).toHaveLength(1);
    await worker.stop();
  });

  it('never lets two instances on one store deliver the same record twice', async () => {
    const store = new MemoryDocumentStore();
    const time = new ManualTime();
    const deliveredBy: string[] = [];
    const sinkFor = (instance: string): HandoffSink => ({
      name: 'webhook',
      deliver: async (record) => {
        deliveredBy.push(`${instance}:${record.id}`);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const a = setup([sinkFor('a')], { store, time, instanceId: 'a' });
    const b = setup([sinkFor('b')], { store, time, instanceId: 'b' });
    const records = Array.from({ length: 20 }, () => makeRecord());
    for (const record of records) await a.outbox.enqueue(record);
    await Promise.all([a.worker.start(), b.worker.start()]);
    await settle(20);
    await time.advance(120_000);

    const ids = deliveredBy.map((entry) => entry.split(':')[1]);
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort());
    expect(new Set(ids).size).toBe(records.length);
    await Promise.all([a.worker.stop(), b.worker.stop()]);
  });

  it('stop() waits for an attempt in flight and leaves the record consistent', async () => {
    let finish!: () => void;
    const webhook = new ScriptedSink('webhook').then(() => new Promise<void>((resolve) => (finish = resolve)));
    const { store, outbox, worker } = setup([webhook]);
    await worker.start();
    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    const entry = await entryOf(store, record.id);
    expect(entry.deliveries.webhook?.state).toBe('delivered');
    expect(entry.claimedBy).toBeUndefined();
  });

  it('stop() gives up waiting after its timeout', async () => {
    const webhook = new ScriptedSink('webhook').then(() => new Promise<void>(() => undefined));
    const time = new ManualTime();
    const { outbox } = setup([webhook], { time });
    const worker = new DeliveryWorker({
      outbox,
      sinks: [webhook],
      logger: silentLogger,
      clock: time,
      timers: time,
      stopTimeoutMs: 5_000,
      attemptTimeoutMs: 60_000,
    });
    await worker.start();
    await outbox.enqueue(makeRecord());
    await settle();
    const stopping = worker.stop();
    await time.advance(5_000);
    await expect(stopping).resolves.toBeUndefined();
  });

  it('does not stop on an unreadable entry, keeps it and shows it in health', async () => {
    const webhook = new ScriptedSink('webhook');
    const { store, outbox, worker } = setup([webhook]);
    await store.write('handoff/not-a-record.json', { hello: 'world' });
    const record = makeRecord();
    await outbox.enqueue(record);
    await worker.start();
    await settle();

    expect(webhook.calls.map((r) => r.id)).toEqual([record.id]);
    expect(await store.read('handoff/not-a-record.json')).toBeDefined();
    expect(worker.health()).toMatchObject({ status: 'degraded', unreadableEntries: 1 });
    await worker.stop();
  });

  it('keeps going when the store fails for a while, and delivers once it is back', async () => {
    const webhook = new ScriptedSink('webhook');
    const { store, time, outbox, worker } = setup([webhook]);
    const record = makeRecord();
    await outbox.enqueue(record);
    const realRead = store.read.bind(store);
    const readSpy = jest.spyOn(store, 'read').mockRejectedValue(new Error('store down'));
    await worker.start();
    await settle();
    expect(webhook.calls).toHaveLength(0);

    readSpy.mockImplementation(realRead);
    await time.advance(BACKOFF.baseDelayMs);
    expect(webhook.calls).toHaveLength(1);
    await worker.stop();
  });

  it('logs ids, sinks and errors but never the parent’s words or contact details', async () => {
    const logs = captureLogger();
    const webhook = new ScriptedSink('webhook').then('fail', 'reject');
    const { time, outbox, worker } = setup([webhook], { logger: logs.logger });
    await worker.start();
    const record = makeRecord();
    await outbox.enqueue(record);
    await settle();
    await time.advance(BACKOFF.rejectedDelayMs * 2);

    const text = logs.text();
    expect(text).toContain(record.id);
    expect(logs.entries().map((e) => e.msg)).toEqual(
      expect.arrayContaining(['hand-off enqueued', 'hand-off delivery failed; will retry', 'hand-off rejected by the receiver; kept and retried later', 'hand-off delivered']),
    );
    for (const personal of PERSONAL_TEXT) expect(text).not.toContain(personal);
    await worker.stop();
  });

  it('refuses sinks that do not match the outbox, and a lease shorter than an attempt', () => {
    const outbox = new HandoffOutbox({ store: new MemoryDocumentStore(), sinkNames: ['webhook'], logger: silentLogger });
    expect(() => new DeliveryWorker({ outbox, sinks: [new ScriptedSink('email')], logger: silentLogger })).toThrow(HandoffConfigError);
    expect(
      () => new DeliveryWorker({ outbox, sinks: [new ScriptedSink('webhook')], logger: silentLogger, attemptTimeoutMs: 60_000, leaseMs: 30_000 }),
    ).toThrow(HandoffConfigError);
  });
});
