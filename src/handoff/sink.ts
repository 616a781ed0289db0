import type { HandoffRecord } from './record';

/**
 * Somewhere a hand-off is delivered to (webhook, email, agent hub, Teams channel).
 *
 * `deliver` resolves once the receiver has accepted the record and throws otherwise: a
 * {@link DeliveryRejectedError} when retrying soon cannot help, anything else when it may.
 * The worker may call it again for the same record (at-least-once), so sinks send the record
 * id along for the receiver to recognise a repeat.
 */
export interface HandoffSink {
  /** Stable name; it keys the per-sink delivery status stored in the outbox. */
  readonly name: string;
  deliver(record: HandoffRecord): Promise<void>;
}
