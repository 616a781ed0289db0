/**
 * Hand-off delivery end to end, with real parts wherever they can run on loopback: the file
 * document store, a webhook receiver (node http), an SMTP server (smtp-server) and CloudAdapter
 * (its Bot Connector calls mocked with nock). Faults are real too: a closed port, HTTP 500, SMTP
 * 451, and a process "restart" (new store object and worker on the same folder).
 */
import '../unit/handoff/helpers/restoreNock';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationParameters } from 'botbuilder';
import nock from 'nock';
import { BotFrameworkHandoffSink } from '../../src/bot/handoff/botFrameworkHandoffSink';
import { TeamsChannelSink } from '../../src/bot/handoff/teamsChannelSink';
import { createHandoffDelivery, type HandoffDelivery } from '../../src/handoff/createHandoffDelivery';
import type { OutboxEntry } from '../../src/handoff/outboxEntry';
import type { HandoffSink } from '../../src/handoff/sink';
import { EmailSink } from '../../src/handoff/sinks/emailSink';
import { WebhookSink } from '../../src/handoff/sinks/webhookSink';
import { FileDocumentStore } from '../../src/storage/fileDocumentStore';
import { captureLogger } from '../unit/handoff/helpers/logs';
import { makeRecord, PERSONAL_TEXT } from '../unit/handoff/helpers/records';
import { startSmtpServer, type TestSmtpServer } from '../unit/handoff/helpers/smtpServer';
import { waitFor } from '../unit/handoff/helpers/time';

const SECRET = 'integration-secret';

interface WebhookHit {
  body: string;
  signature: string | undefined;
  idempotencyKey: string | undefined;
  answered: number;
}

/** A webhook receiver on a fixed loopback port that can be stopped and started again. */
class WebhookReceiver {
  readonly hits: WebhookHit[] = [];
  /** Status codes to answer with next; 200 once these are used up. */
  answers: number[] = [];
  private server: Server | undefined;

  private constructor(readonly port: number) {}

  /** Picks a free port but does not listen yet: requests are refused until `up()`. */
  static async onFreePort(): Promise<WebhookReceiver> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return new WebhookReceiver(port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/handoffs`;
  }

  async up(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Distinct bodies received per idempotency key. */
  bodiesById(): Map<string, Set<string>> {
    const byId = new Map<string, Set<string>>();
    for (const hit of this.hits) {
      const key = hit.idempotencyKey ?? '';
      byId.set(key, (byId.get(key) ?? new Set()).add(hit.body));
    }
    return byId;
  }

  accepted(): WebhookHit[] {
    return this.hits.filter((hit) => hit.answered < 300);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answered = this.answers.shift() ?? 200;
    this.hits.push({
      body: Buffer.concat(chunks).toString('utf8'),
      signature: request.headers['x-signature'] as string | undefined,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      answered,
    });
    // Not chained: restify, loaded by other test files in this worker, patches writeHead to return nothing.
    response.writeHead(answered);
    response.end();
  }
}

function validSignature(hit: WebhookHit): boolean {
  return hit.signature === `sha256=${createHmac('sha256', SECRET).update(Buffer.from(hit.body, 'utf8')).digest('hex')}`;
}

async function readEntry(store: FileDocumentStore, id: string): Promise<OutboxEntry | undefined> {
  return (await store.read<OutboxEntry>(`handoff/${id}.json`))?.value;
}

describe('hand-off delivery (end to end)', () => {
  let dir: string;
  let webhook: WebhookReceiver;
  let smtp: TestSmtpServer | undefined;
  const running: HandoffDelivery[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'handoff-e2e-'));
    webhook = await WebhookReceiver.onFreePort();
  });

  afterEach(async () => {
    for (const delivery of running.splice(0)) await delivery.worker.stop();
    await webhook.down();
    await smtp?.close();
    smtp = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  /** A "process": a new store object on the same folder and a new worker. */
  function startProcess(sinks: HandoffSink[], name: string, logger = captureLogger().logger): { delivery: HandoffDelivery; store: FileDocumentStore } {
    const store = new FileDocumentStore({ dir, fsync: false });
    const delivery = createHandoffDelivery({
      store,
      sinks,
      logger,
      instanceId: name,
      backoff: { baseDelayMs: 40, maxDelayMs: 200, rejectedDelayMs: 2_000 },
      attemptTimeoutMs: 3_000,
      leaseMs: 5_000,
      pollIntervalMs: 500,
    });
    running.push(delivery);
    return { delivery, store };
  }

  function webhookSink(): WebhookSink {
    return new WebhookSink({ url: webhook.url, secret: SECRET, timeoutMs: 2_000 });
  }

  it('delivers once when the webhook refuses connections at first and comes back later', async () => {
    const logs = captureLogger();
    const { delivery, store } = startProcess([webhookSink()], 'p1', logs.logger);
    await delivery.worker.start();
    const record = makeRecord();
    await delivery.outbox.enqueue(record);

    await waitFor(async () => ((await readEntry(store, record.id))?.deliveries.webhook?.attempts ?? 0) >= 2, 10_000, 'failed attempts');
    const failing = await readEntry(store, record.id);
    expect(failing?.deliveries.webhook).toMatchObject({ state: 'pending', lastError: expect.stringContaining('ECONNREFUSED') });
    expect(delivery.worker.health()).toMatchObject({ status: 'degraded', sinks: { webhook: { status: 'degraded', pending: 1 } } });

    await webhook.up();
    await waitFor(async () => (await readEntry(store, record.id))?.deliveries.webhook?.state === 'delivered', 10_000, 'delivery');
    await new Promise((resolve) => setTimeout(resolve, 600)); // a poll later: still exactly one

    expect(webhook.hits).toHaveLength(1);
    expect(validSignature(webhook.hits[0] as WebhookHit)).toBe(true);
    expect(JSON.parse(webhook.hits[0]?.body ?? '')).toEqual(record);
    expect(delivery.worker.health()).toMatchObject({ status: 'ok', sinks: { webhook: { status: 'ok', pending: 0 } } });
    for (const personal of PERSONAL_TEXT) expect(logs.text()).not.toContain(personal);
  });

  it('retries a webhook answering 500, then 200, sending the same signed body each time', async () => {
    await webhook.up();
    webhook.answers = [500, 500];
    const { delivery, store } = startProcess([webhookSink()], 'p1');
    await delivery.worker.start();
    const record = makeRecord();
    await delivery.outbox.enqueue(record);

    await waitFor(async () => (await readEntry(store, record.id))?.deliveries.webhook?.state === 'delivered', 10_000, 'delivery');
    expect(webhook.hits.map((hit) => hit.answered)).toEqual([500, 500, 200]);
    expect(webhook.bodiesById().get(record.id)?.size).toBe(1);
    expect(webhook.hits.every(validSignature)).toBe(true);
    expect((await readEntry(store, record.id))?.deliveries.webhook?.attempts).toBe(3);
  });

  it('resumes pending deliveries after a restart and delivers each record exactly once, unchanged', async () => {
    smtp = await startSmtpServer((_raw, index) => (index < 2 ? { code: 451, message: 'busy' } : undefined));
    const emailSink = (): EmailSink => new EmailSink({ smtpUrl: smtp!.url, to: 'advisers@example.test', from: 'bot@example.test', timeoutMs: 3_000 });

    // Process 1: webhook down, SMTP refusing; records are safely stored, nothing delivered.
    const first = startProcess([webhookSink(), emailSink()], 'process-1');
    await first.delivery.worker.start();
    const records = [makeRecord(), makeRecord(), makeRecord()];
    for (const record of records) await first.delivery.outbox.enqueue(record);
    await waitFor(() => smtp!.received.length >= 2, 10_000, 'SMTP refusals');
    expect(first.delivery.worker.health().status).toBe('degraded');
    await first.delivery.worker.stop();
    const acceptedBeforeRestart = smtp.accepted.length;

    // Process 2 on the same folder, with the webhook back up.
    await webhook.up();
    const second = startProcess([webhookSink(), emailSink()], 'process-2');
    await second.delivery.worker.start();
    await waitFor(
      async () => (await Promise.all(records.map((r) => readEntry(second.store, r.id)))).every((entry) => entry?.completedAt !== undefined),
      15_000,
      'all delivered',
    );

    expect(webhook.accepted().map((hit) => hit.idempotencyKey).sort()).toEqual(records.map((r) => r.id).sort());
    for (const record of records) {
      expect([...(webhook.bodiesById().get(record.id) ?? [])].map((body) => JSON.parse(body))).toEqual([record]);
    }
    const messageIds = smtp.accepted.map((raw) => /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim());
    expect(smtp.accepted.length).toBe(records.length);
    expect(acceptedBeforeRestart + 0).toBeLessThanOrEqual(records.length);
    expect(new Set(messageIds).size).toBe(records.length);
    for (const record of records) expect(messageIds).toContain(`<handoff.${record.id}@example.test>`);
    expect(second.delivery.worker.health()).toMatchObject({ status: 'ok' });
  });

  it('two instances on one store deliver every record once', async () => {
    await webhook.up();
    const a = startProcess([webhookSink()], 'instance-a');
    const b = startProcess([webhookSink()], 'instance-b');
    const records = Array.from({ length: 10 }, () => makeRecord());
    for (const [index, record] of records.entries()) await (index % 2 ? a : b).delivery.outbox.enqueue(record);
    await Promise.all([a.delivery.worker.start(), b.delivery.worker.start()]);

    await waitFor(
      async () => (await Promise.all(records.map((r) => readEntry(a.store, r.id)))).every((entry) => entry?.completedAt !== undefined),
      10_000,
      'all delivered',
    );
    expect(webhook.hits.map((hit) => hit.idempotencyKey).sort()).toEqual(records.map((r) => r.id).sort());
  });

  it('delivers to the agent hub and the advisers’ Teams channel through CloudAdapter', async () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const created: ConversationParameters[] = [];
    // The Teams connector fails once (501 is not retried inside the SDK), then accepts.
    nock('https://smba.example.test').post('/emea/v3/conversations').reply(501, {});
    nock('https://smba.example.test')
      .post('/emea/v3/conversations', (body: ConversationParameters) => {
        created.push(body);
        return true;
      })
      .reply(201, { id: '19:advisers@thread.tacv2;messageid=1', activityId: '1' });
    const hubEvents: Array<{ name?: string; value?: { handoffId?: string } }> = [];
    nock('https://smba.example.test')
      .post(/^\/parent\/v3\/conversations\/conv-parent-1\/activities/, (body: { name?: string; value?: { handoffId?: string } }) => {
        hubEvents.push(body);
        return true;
      })
      .reply(200, { id: 'a1' });

    const sinks = [
      new TeamsChannelSink({ adapter, appId: '', channel: { serviceUrl: 'https://smba.example.test/emea/', conversationId: '19:advisers@thread.tacv2', tenantId: 't1' } }),
      new BotFrameworkHandoffSink({ adapter, appId: '' }),
    ];
    const { delivery, store } = startProcess(sinks, 'p1');
    await delivery.worker.start();
    const record = makeRecord();
    await delivery.outbox.enqueue(record);

    await waitFor(async () => (await readEntry(store, record.id))?.completedAt !== undefined, 10_000, 'delivery');
    expect(nock.isDone()).toBe(true);
    expect((await readEntry(store, record.id))?.deliveries).toMatchObject({ teams: { attempts: 2 }, botframework: { attempts: 1 } });
    expect(JSON.stringify(created[0])).toContain(`"id":"${record.id}"`);
    expect(hubEvents).toEqual([expect.objectContaining({ name: 'handoff.initiate', value: expect.objectContaining({ handoffId: record.id }) })]);
  });
});
