import { createHmac } from 'node:crypto';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../errors';
import type { HandoffRecord } from '../record';
import type { HandoffSink } from '../sink';
import { httpVerdict, isLoopbackHost, parseRetryAfterMs } from './httpResponse';

/** Options of {@link WebhookSink}. */
export interface WebhookSinkOptions {
  /** HANDOFF_WEBHOOK_URL. https, or http to a loopback host. */
  url: string;
  /** HANDOFF_WEBHOOK_SECRET: key of the HMAC-SHA256 in `X-Signature`. */
  secret: string;
  /** Abort a request after this long. Default 10 s. */
  timeoutMs?: number;
  /** Sink name in the outbox. Default `webhook`. */
  name?: string;
  /** Allow plain http to a non-loopback host (the record holds personal data; avoid). */
  allowInsecureHttp?: boolean;
  /** For tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** `sha256=<hex HMAC-SHA256 of body with secret>`, the `X-Signature` header value. */
export function signWebhookBody(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the record as JSON to a webhook, signed with `X-Signature` and carrying
 * `Idempotency-Key: <record id>` so the receiver can drop repeats of an at-least-once delivery.
 */
export class WebhookSink implements HandoffSink {
  readonly name: string;
  private readonly url: URL;
  private readonly secret: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: WebhookSinkOptions) {
    this.name = options.name ?? 'webhook';
    this.url = parseWebhookUrl(options.url, options.allowInsecureHttp ?? false);
    if (options.secret.length === 0) throw new HandoffConfigError('[handoff]: webhook secret must not be empty');
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** @throws DeliveryRejectedError on 3xx/4xx (but 408/429); HandoffDeliveryError on 5xx, 408, 429, network errors and timeouts */
  async deliver(record: HandoffRecord): Promise<void> {
    // Sign and send the very same text; both fetch and the HMAC encode it as UTF-8, so the receiver's HMAC matches.
    const body = JSON.stringify(record);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.post(body, record.id, controller.signal);
      // The body is not needed; cancelling frees the connection.
      await response.body?.cancel().catch(() => undefined);
      this.checkStatus(response);
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(body: string, id: string, signal: AbortSignal): Promise<Response> {
    try {
      return await this.fetch(this.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Signature': signWebhookBody(body, this.secret),
          'Idempotency-Key': id,
        },
        body,
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      const what = signal.aborted ? `no response within ${this.timeoutMs} ms` : `request failed (${networkCode(error)})`;
      throw new HandoffDeliveryError(this.name, `webhook ${what}`, { cause: error });
    }
  }

  private checkStatus(response: Response): void {
    const verdict = httpVerdict(response.status);
    if (verdict === 'delivered') return;
    // Only the status: the response body may echo the record.
    const message = `webhook answered HTTP ${response.status}`;
    if (verdict === 'rejected') throw new DeliveryRejectedError(this.name, message);
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
    throw new HandoffDeliveryError(this.name, message, { retryAfterMs });
  }
}

function parseWebhookUrl(raw: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HandoffConfigError('[handoff]: webhook url is not a valid URL');
  }
  const insecureOk = url.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(url.hostname));
  if (url.protocol !== 'https:' && !insecureOk) {
    throw new HandoffConfigError('[handoff]: webhook url must use https (http only to a loopback host)');
  }
  return url;
}

/** `ECONNREFUSED` and the like from undici's `fetch failed` error, without the URL. */
function networkCode(error: unknown): string {
  // Duck-typed: undici's errors may come from another realm (e.g. under jest), where instanceof fails.
  const { cause, name } = (error ?? {}) as { cause?: { code?: unknown }; name?: unknown };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof name === 'string' ? name : 'unknown error';
}
