import { z } from 'zod';
import { handoffRecordSchema, type HandoffRecord } from './record';

/**
 * The outbox document stored at `handoff/<id>.json`: the record plus its delivery status per
 * sink and the lease of the instance currently working on it. Pure functions here; storage is
 * in outbox.ts and timing in deliveryWorker.ts.
 */

const isoTimestamp = z.iso.datetime({ offset: true });

export const sinkDeliverySchema = z.object({
  state: z.enum(['pending', 'delivered']),
  attempts: z.number().int().min(0),
  /** When the next attempt may start (pending only). */
  nextAttemptAt: isoTimestamp.optional(),
  lastAttemptAt: isoTimestamp.optional(),
  /** Short error description without personal data. */
  lastError: z.string().optional(),
  /** The last failure was a permanent rejection: still pending, but retried only rarely. */
  rejected: z.boolean().optional(),
  deliveredAt: isoTimestamp.optional(),
});
export type SinkDelivery = z.infer<typeof sinkDeliverySchema>;

export const outboxEntrySchema = z.object({
  version: z.literal(1),
  record: handoffRecordSchema,
  enqueuedAt: isoTimestamp,
  deliveries: z.record(z.string(), sinkDeliverySchema),
  /** Instance holding the lease; another instance leaves the entry alone until `claimedUntil`. */
  claimedBy: z.string().optional(),
  claimedUntil: isoTimestamp.optional(),
  /** Set once every configured sink has delivered (or the parent cancelled). */
  completedAt: isoTimestamp.optional(),
  /** Set when the parent cancelled the request: no further deliveries are attempted. */
  cancelledAt: isoTimestamp.optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** What one delivery attempt came to. */
export type AttemptOutcome =
  | { ok: true }
  | { ok: false; error: string; rejected: boolean; retryInMs: number };

const iso = (ms: number): string => new Date(ms).toISOString();

function pendingDelivery(now: number): SinkDelivery {
  return { state: 'pending', attempts: 0, nextAttemptAt: iso(now) };
}

/** A fresh entry with every sink pending and due now. */
export function newOutboxEntry(record: HandoffRecord, sinkNames: readonly string[], now: number): OutboxEntry {
  const deliveries: Record<string, SinkDelivery> = {};
  for (const name of sinkNames) deliveries[name] = pendingDelivery(now);
  return { version: 1, record, enqueuedAt: iso(now), deliveries };
}

/** A sink's status; a sink configured after the entry was written counts as pending since enqueue. */
export function deliveryFor(entry: OutboxEntry, sinkName: string): SinkDelivery {
  return entry.deliveries[sinkName] ?? pendingDelivery(Date.parse(entry.enqueuedAt));
}

/** True when every one of these sinks has delivered the record. */
export function isComplete(entry: OutboxEntry, sinkNames: readonly string[]): boolean {
  if (entry.cancelledAt !== undefined) return true;
  return sinkNames.every((name) => deliveryFor(entry, name).state === 'delivered');
}

/** True while another instance's lease has not run out. */
export function isClaimedByOther(entry: OutboxEntry, instanceId: string, now: number): boolean {
  return (
    entry.claimedBy !== undefined &&
    entry.claimedBy !== instanceId &&
    entry.claimedUntil !== undefined &&
    Date.parse(entry.claimedUntil) > now
  );
}

/** Sinks that are pending and whose next attempt is due. */
export function dueSinks(entry: OutboxEntry, sinkNames: readonly string[], now: number): string[] {
  if (entry.cancelledAt !== undefined) return [];
  return sinkNames.filter((name) => {
    const delivery = deliveryFor(entry, name);
    return delivery.state === 'pending' && Date.parse(delivery.nextAttemptAt ?? entry.enqueuedAt) <= now;
  });
}

/**
 * When this instance should look at the entry again: the earliest pending attempt, or the end
 * of another instance's lease if that is later. Undefined when nothing is left to do.
 */
export function nextWakeAt(entry: OutboxEntry, sinkNames: readonly string[], instanceId: string, now: number): number | undefined {
  if (entry.cancelledAt !== undefined) return undefined;
  const pendingTimes = sinkNames
    .map((name) => deliveryFor(entry, name))
    .filter((delivery) => delivery.state === 'pending')
    .map((delivery) => Date.parse(delivery.nextAttemptAt ?? entry.enqueuedAt));
  if (pendingTimes.length === 0) return undefined;
  const earliest = Math.min(...pendingTimes);
  if (isClaimedByOther(entry, instanceId, now)) {
    return Math.max(earliest, Date.parse(entry.claimedUntil as string));
  }
  return earliest;
}

/** The entry with a lease for `instanceId` until `until`. */
export function withClaim(entry: OutboxEntry, instanceId: string, until: number): OutboxEntry {
  return { ...entry, claimedBy: instanceId, claimedUntil: iso(until) };
}

/** The entry without this instance's lease (unchanged if someone else holds it by now). */
export function withoutClaim(entry: OutboxEntry, instanceId: string): OutboxEntry {
  if (entry.claimedBy !== instanceId) return entry;
  const { claimedBy: _claimedBy, claimedUntil: _claimedUntil, ...rest } = entry;
  return rest;
}

/**
 * The entry after one attempt of `sinkName`. Delivered is final: a late failure report from
 * another instance never turns a delivered sink back to pending.
 */
export function withAttempt(
  entry: OutboxEntry,
  sinkName: string,
  outcome: AttemptOutcome,
  sinkNames: readonly string[],
  now: number,
): OutboxEntry {
  const previous = deliveryFor(entry, sinkName);
  if (previous.state === 'delivered') return entry;
  const attempts = previous.attempts + 1;
  const delivery: SinkDelivery = outcome.ok
    ? { state: 'delivered', attempts, lastAttemptAt: iso(now), deliveredAt: iso(now) }
    : {
        state: 'pending',
        attempts,
        lastAttemptAt: iso(now),
        nextAttemptAt: iso(now + outcome.retryInMs),
        lastError: outcome.error,
        ...(outcome.rejected ? { rejected: true } : {}),
      };
  const next: OutboxEntry = { ...entry, deliveries: { ...entry.deliveries, [sinkName]: delivery } };
  if (isComplete(next, sinkNames) && next.completedAt === undefined) next.completedAt = iso(now);
  return next;
}
