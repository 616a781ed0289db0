/**
 * Errors of the hand-off delivery. Messages never contain the parent's words or contact
 * details, because they are logged and kept as `lastError` in the outbox.
 */

/** A record failed validation; `issues` name the fields and what is wrong, not their values. */
export class InvalidHandoffRecordError extends Error {
  override name = 'InvalidHandoffRecordError';
  constructor(readonly issues: readonly string[]) {
    super(`[handoff]: invalid hand-off record: ${issues.join('; ')}`);
  }
}

/** Refused: a hand-off is only sent on with the parent's consent. */
export class ConsentNotGivenError extends Error {
  override name = 'ConsentNotGivenError';
  constructor(readonly handoffId: string) {
    super(`[handoff]: hand-off ${handoffId} has no consent to share`);
  }
}

/** A stored outbox document does not match the schema; it is left in place for a person to look at. */
export class CorruptOutboxEntryError extends Error {
  override name = 'CorruptOutboxEntryError';
  constructor(readonly handoffId: string, readonly issues: readonly string[]) {
    super(`[handoff]: stored hand-off ${handoffId} is not readable: ${issues.join('; ')}`);
  }
}

/** Bad sink or worker options, found at construction time. */
export class HandoffConfigError extends Error {
  override name = 'HandoffConfigError';
}

/** A sink could not deliver this time; the worker retries with backoff. */
export class HandoffDeliveryError extends Error {
  override name = 'HandoffDeliveryError';
  /** The receiver asked us to wait at least this long (HTTP Retry-After). */
  readonly retryAfterMs: number | undefined;
  /**
   * @param sink the sink's name
   * @param message what failed, without personal data
   * @param options.retryAfterMs the receiver asked us to wait at least this long (HTTP Retry-After)
   * @param options.cause the underlying error, for debugging
   */
  constructor(
    readonly sink: string,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The receiver refused the hand-off itself (e.g. HTTP 400/403, SMTP 550). Retrying soon would
 * fail the same way, so the worker keeps the record, flags it as rejected and waits long.
 */
export class DeliveryRejectedError extends HandoffDeliveryError {
  override name = 'DeliveryRejectedError';
}

/** A sink took longer than the worker's attempt timeout. */
export class DeliveryTimeoutError extends HandoffDeliveryError {
  override name = 'DeliveryTimeoutError';
}

const MAX_ERROR_TEXT = 300;

/**
 * A short description of an error for logs, health and the outbox: name, code and message only.
 * Sinks build their own messages without personal data; this only bounds the length.
 */
export function describeError(error: unknown): string {
  // Duck-typed rather than instanceof Error, which fails for errors from another realm.
  const { name, message, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; code?: unknown };
  if (typeof message !== 'string') return 'non-error thrown';
  const codePart = typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : '';
  const text = `${typeof name === 'string' ? name : 'Error'}${codePart}: ${message}`;
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT - 1)}…` : text;
}
