import { deliveryFor, type OutboxEntry } from './outboxEntry';

/** What this instance last saw of one sink's attempts. */
export interface SinkAttemptStatus {
  lastAttemptFailed: boolean;
  lastError?: string;
  lastErrorAt?: string;
}

/** Health of one sink, for /health. */
export interface SinkHealth {
  /** `degraded` while the latest attempt failed or a receiver has rejected a record. */
  status: 'ok' | 'degraded';
  /** Records not yet delivered to this sink. */
  pending: number;
  /** Of those, records the receiver permanently rejected (a person needs to look). */
  rejected: number;
  /** Enqueue time of the oldest record still pending for this sink. */
  oldestPendingSince?: string;
  /** Latest failure description (no personal data) and when it happened. */
  lastError?: string;
  lastErrorAt?: string;
}

/** Health of the hand-off delivery as a whole. */
export interface DeliveryHealth {
  status: 'ok' | 'degraded';
  sinks: Record<string, SinkHealth>;
  /** Stored entries that do not match the schema; left in place. */
  unreadableEntries?: number;
  /** The outbox store could not be listed at the last scan. */
  storeError?: string;
}

/** One sink's health from the entries still pending and the latest attempt this instance made. */
export function sinkHealth(sinkName: string, pendingEntries: readonly OutboxEntry[], latest: SinkAttemptStatus | undefined): SinkHealth {
  let pending = 0;
  let rejected = 0;
  let oldest: string | undefined;
  for (const entry of pendingEntries) {
    const delivery = deliveryFor(entry, sinkName);
    if (delivery.state !== 'pending') continue;
    pending += 1;
    if (delivery.rejected) rejected += 1;
    if (oldest === undefined || entry.enqueuedAt < oldest) oldest = entry.enqueuedAt;
  }
  const degraded = (latest?.lastAttemptFailed ?? false) || rejected > 0;
  return {
    status: degraded ? 'degraded' : 'ok',
    pending,
    rejected,
    ...(oldest !== undefined ? { oldestPendingSince: oldest } : {}),
    ...(latest?.lastError !== undefined ? { lastError: latest.lastError, lastErrorAt: latest.lastErrorAt } : {}),
  };
}
