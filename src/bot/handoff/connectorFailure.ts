import { DeliveryRejectedError, HandoffDeliveryError } from '../../handoff/errors';
import { httpVerdict } from '../../handoff/sinks/httpResponse';
import { TurnNotRunError } from './captureTurn';

/**
 * Turns an error from a Bot Connector call into a delivery error: 4xx other than 408/429 is a
 * rejection (e.g. the bot was removed from the conversation); everything else may be retried.
 * Only the status or error code is kept: connector errors carry the request, including the body.
 */
export function connectorFailure(sink: string, error: unknown): HandoffDeliveryError {
  if (error instanceof HandoffDeliveryError) return error;
  if (error instanceof TurnNotRunError) return new DeliveryRejectedError(sink, error.message, { cause: error });
  const details = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof details.statusCode === 'number') {
    const message = `Bot Connector answered HTTP ${details.statusCode}`;
    return httpVerdict(details.statusCode) === 'rejected'
      ? new DeliveryRejectedError(sink, message, { cause: error })
      : new HandoffDeliveryError(sink, message, { cause: error });
  }
  const name = (error as { name?: unknown } | undefined)?.name;
  const code = typeof details.code === 'string' ? details.code : typeof name === 'string' ? name : 'unknown error';
  return new HandoffDeliveryError(sink, `Bot Connector request failed (${code})`, { cause: error });
}
