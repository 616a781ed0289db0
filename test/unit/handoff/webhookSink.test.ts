import './helpers/restoreNock';
import { createHmac, timingSafeEqual } from 'node:crypto';
import nock from 'nock';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../../../src/handoff/errors';
import { signWebhookBody, WebhookSink } from '../../../src/handoff/sinks/webhookSink';
import { makeRecord, PERSONAL_TEXT } from './helpers/records';

const HOST = 'https://hooks.example.test';
const URL_PATH = '/send/handoffs';
const SECRET = 'test-secret-not-real';

interface Received {
  /** The raw request body, exactly as sent. */
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Intercepts POSTs to the webhook, keeping the raw body and headers of each. */
function interceptWebhook(status: number, times = 1, headers: Record<string, string> = {}): Received[] {
  const received: Received[] = [];
  const scope = nock(HOST)
    .post(URL_PATH)
    .times(times)
    .reply(status, status < 300 ? '' : 'error page that might echo things', headers);
  // The 'request' event carries the body as a raw string (reply functions get it parsed).
  scope.on('request', (request: { headers: Received['headers'] }, _interceptor: unknown, body: string) => {
    received.push({ body, headers: request.headers });
  });
  return received;
}

/** What a receiver does: recompute the HMAC over the exact bytes and compare in constant time. */
function signatureIsValid(body: string, header: Received['headers'][string], secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`);
  const actual = Buffer.from(typeof header === 'string' ? header : '');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function sink(options: Partial<ConstructorParameters<typeof WebhookSink>[0]> = {}): WebhookSink {
  return new WebhookSink({ url: `${HOST}${URL_PATH}`, secret: SECRET, timeoutMs: 2_000, ...options });
}

describe('WebhookSink', () => {
  it('POSTs the record as JSON with a valid signature and the record id as idempotency key', async () => {
    const received = interceptWebhook(204);
    const record = makeRecord();
    await sink().deliver(record);

    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(JSON.parse(request.body)).toEqual(record);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe(record.id);
    expect(request.headers['x-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureIsValid(request.body, request.headers['x-signature'], SECRET)).toBe(true);
    expect(signatureIsValid(request.body, request.headers['x-signature'], 'another-secret')).toBe(false);
  });

  it('signs non-ASCII text over its UTF-8 bytes', async () => {
    const received = interceptWebhook(200);
    const record = makeRecord();
    record.transcript[0]!.text = 'Ein Kind – naïve café “quotes” 😀';
    await sink().deliver(record);
    const [request] = received as [Received];
    expect(JSON.parse(request.body).transcript[0].text).toBe('Ein Kind – naïve café “quotes” 😀');
    expect(signatureIsValid(request.body, request.headers['x-signature'], SECRET)).toBe(true);
  });

  it('sends the same bytes and signature on every retry of a record', async () => {
    const received = interceptWebhook(500, 2);
    const record = makeRecord();
    const webhook = sink();
    await expect(webhook.deliver(record)).rejects.toBeInstanceOf(HandoffDeliveryError);
    await expect(webhook.deliver(structuredClone(record))).rejects.toBeInstanceOf(HandoffDeliveryError);
    expect(received[0]?.body).toBe(received[1]?.body);
    expect(received[0]?.headers['x-signature']).toBe(received[1]?.headers['x-signature']);
    expect(received[1]?.headers['idempotency-key']).toBe(record.id);
  });

  it.each([400, 401, 403, 404, 410, 422])('treats HTTP %i as a permanent rejection', async (status) => {
    interceptWebhook(status);
    const error = await sink().deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryRejectedError);
    expect((error as Error).message).toBe(`webhook answered HTTP ${status}`);
  });

  it.each([408, 429, 500, 502, 503])('treats HTTP %i as worth retrying', async (status) => {
    interceptWebhook(status);
    const error = await sink().deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect(error).not.toBeInstanceOf(DeliveryRejectedError);
  });

  it('passes on Retry-After', async () => {
    interceptWebhook(429, 1, { 'Retry-After': '120' });
    const error = (await sink().deliver(makeRecord()).catch((e: unknown) => e)) as HandoffDeliveryError;
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('does not follow a redirect with the signed record', async () => {
    nock(HOST).post(URL_PATH).reply(302, '', { Location: 'https://elsewhere.example.test/' });
    await expect(sink().deliver(makeRecord())).rejects.toBeInstanceOf(DeliveryRejectedError);
    expect(nock.isDone()).toBe(true);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    nock(HOST).post(URL_PATH).delay(1_000).reply(200);
    const error = await sink({ timeoutMs: 100 }).deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect((error as Error).message).toBe('webhook no response within 100 ms');
  });

  it('reports a network failure by code, without the record or the URL', async () => {
    nock(HOST).post(URL_PATH).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = (await sink().deliver(makeRecord()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect(error.message).toMatch(/^webhook request failed/);
    expect(error.message).not.toContain('hooks.example.test');
    for (const personal of PERSONAL_TEXT) expect(error.message).not.toContain(personal);
  });

  it('refuses plain http except to loopback, and an empty secret', () => {
    expect(() => sink({ url: 'http://hooks.example.test/x' })).toThrow(HandoffConfigError);
    expect(() => sink({ url: 'http://127.0.0.1:9/x' })).not.toThrow();
    expect(() => sink({ url: 'http://hooks.example.test/x', allowInsecureHttp: true })).not.toThrow();
    expect(() => sink({ url: 'not a url' })).toThrow(HandoffConfigError);
    expect(() => sink({ secret: '' })).toThrow(HandoffConfigError);
  });

  it('exports the signing function receivers can use', () => {
    expect(signWebhookBody('{"a":1}', 'k')).toBe(`sha256=${createHmac('sha256', 'k').update('{"a":1}').digest('hex')}`);
  });
});
