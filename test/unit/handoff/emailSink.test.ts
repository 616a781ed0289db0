import './helpers/restoreNock';
import { createServer, type AddressInfo } from 'node:net';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../../../src/handoff/errors';
import { EmailSink, smtpTransportOptions } from '../../../src/handoff/sinks/emailSink';
import { headerParam, leafParts, parseMime, type MimePart } from './helpers/mime';
import { makeRecord } from './helpers/records';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtpServer';

const FROM = 'SEND guide bot <bot@send-guide.example.test>';
const TO = 'advisers@sendiass.example.test';

function emailSink(server: TestSmtpServer, options: Partial<ConstructorParameters<typeof EmailSink>[0]> = {}): EmailSink {
  return new EmailSink({ smtpUrl: server.url, to: TO, from: FROM, timeoutMs: 5_000, ...options });
}

function attachment(message: MimePart, filename: string): MimePart | undefined {
  return leafParts(message).find((part) => headerParam(part.headers.get('content-disposition'), 'filename') === filename);
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('EmailSink', () => {
  let server: TestSmtpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the summary with the conversation and the record attached', async () => {
    server = await startSmtpServer();
    const record = makeRecord();
    await emailSink(server).deliver(record);

    expect(server.accepted).toHaveLength(1);
    const message = parseMime(server.accepted[0] as string);
    expect(message.headers.get('subject')).toBe(`[SEND hand-off] lincolnshire: parent asked for an adviser (${record.id})`);
    expect(message.headers.get('from')).toBe(FROM);
    expect(message.headers.get('to')).toBe(TO);
    expect(message.headers.get('message-id')).toBe(`<handoff.${record.id}@send-guide.example.test>`);
    expect(message.headers.get('x-handoff-id')).toBe(record.id);

    const body = leafParts(message).find((part) => part.headers.get('content-type')?.startsWith('text/plain') && !part.headers.has('content-disposition'));
    expect(body?.body).toContain(`Hand-off ${record.id}`);
    expect(body?.body).toContain('Year group: Year 2');
    expect(body?.body).toContain('Best time to contact: not given');
    expect(body?.body).toContain('Phone: 07700 900123');

    const transcript = attachment(message, `handoff-${record.id}-conversation.txt`);
    expect(transcript?.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(transcript?.body).toContain('Parent:\nCan I talk to a real person please?');

    const json = attachment(message, `handoff-${record.id}.json`);
    expect(json?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(json?.body ?? '')).toEqual(record);
  });

  it('marks a crisis hand-off as urgent', async () => {
    server = await startSmtpServer();
    const record = makeRecord({ summary: { reason: 'crisis' } });
    await emailSink(server).deliver(record);
    const message = parseMime(server.accepted[0] as string);
    expect(message.headers.get('subject')).toContain('URGENT: possible crisis');
    expect(message.headers.get('x-priority')).toMatch(/^1/);
  });

  it('keeps the same Message-ID and content when a temporary failure makes it send again', async () => {
    server = await startSmtpServer((_raw, index) => (index === 0 ? { code: 451, message: 'Try again later' } : undefined));
    const sink = emailSink(server);
    const record = makeRecord();

    const first = await sink.deliver(record).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(HandoffDeliveryError);
    expect(first).not.toBeInstanceOf(DeliveryRejectedError);
    expect((first as Error).message).toBe('SMTP send failed (EMESSAGE 451)');
    await sink.deliver(record);

    const [refused, accepted] = server.received.map(parseMime) as [MimePart, MimePart];
    expect(accepted.headers.get('message-id')).toBe(refused.headers.get('message-id'));
    expect(attachment(accepted, `handoff-${record.id}.json`)?.body).toBe(attachment(refused, `handoff-${record.id}.json`)?.body);
  });

  it('treats a permanent SMTP refusal as a rejection', async () => {
    server = await startSmtpServer(() => ({ code: 550, message: 'Mailbox unavailable' }));
    await expect(emailSink(server).deliver(makeRecord())).rejects.toBeInstanceOf(DeliveryRejectedError);
  });

  it('fails (to retry later) when no SMTP server is listening', async () => {
    const port = await closedPort();
    const sink = new EmailSink({ smtpUrl: `smtp://127.0.0.1:${port}`, to: TO, from: FROM, timeoutMs: 2_000 });
    const error = await sink.deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect(error).not.toBeInstanceOf(DeliveryRejectedError);
    expect((error as Error).message).toMatch(/^SMTP send failed \((ESOCKET|ECONNECTION)/);
  });

  it('sends nothing in clear text when TLS is required (the default for non-loopback relays)', async () => {
    server = await startSmtpServer();
    // The test server offers no STARTTLS.
    const sink = new EmailSink({ smtpUrl: server.url, to: TO, from: FROM, requireTls: true, timeoutMs: 2_000 });
    await expect(sink.deliver(makeRecord())).rejects.toBeInstanceOf(HandoffDeliveryError);
    expect(server.accepted).toHaveLength(0);
  });

  it('requires STARTTLS for a remote relay unless told otherwise, but not for smtps:// or loopback', () => {
    expect(smtpTransportOptions({ smtpUrl: 'smtp://relay.example.test:587' }).requireTLS).toBe(true);
    expect(smtpTransportOptions({ smtpUrl: 'smtps://relay.example.test:465' }).requireTLS).toBe(false);
    expect(smtpTransportOptions({ smtpUrl: 'smtp://127.0.0.1:2525' }).requireTLS).toBe(false);
    expect(smtpTransportOptions({ smtpUrl: 'smtp://relay.example.test', requireTls: false }).requireTLS).toBe(false);
    expect(smtpTransportOptions({ smtpUrl: 'smtp://relay.example.test', timeoutMs: 1_234 })).toMatchObject({ connectionTimeout: 1_234, socketTimeout: 1_234 });
  });

  it('refuses a bad configuration when it is built', () => {
    expect(() => new EmailSink({ smtpUrl: 'http://mail.example.test', to: TO, from: FROM })).toThrow(HandoffConfigError);
    expect(() => new EmailSink({ smtpUrl: 'smtp://mail.example.test', to: [], from: FROM })).toThrow(HandoffConfigError);
    expect(() => new EmailSink({ smtpUrl: 'smtp://mail.example.test', to: TO, from: ' ' })).toThrow(HandoffConfigError);
  });
});
