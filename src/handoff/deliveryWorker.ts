import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { DEFAULT_BACKOFF, rejectedDelayMs, retryDelayMs, type BackoffOptions } from './backoff';
import { systemClock, systemTimers, type Clock, type Timers } from './clock';
import { sinkHealth, type DeliveryHealth, type SinkAttemptStatus } from './deliveryHealth';
import {
  CorruptOutboxEntryError,
  DeliveryRejectedError,
  DeliveryTimeoutError,
  HandoffConfigError,
  HandoffDeliveryError,
  describeError,
} from './errors';
import type { HandoffOutbox } from './outbox';
import {
  deliveryFor,
  dueSinks,
  isClaimedByOther,
  isComplete,
  nextWakeAt,
  withAttempt,
  withClaim,
  withoutClaim,
  type AttemptOutcome,
  type OutboxEntry,
} from './outboxEntry';
import type { HandoffRecord } from './record';
import type { HandoffSink } from './sink';

/** Options of {@link DeliveryWorker}. Times are in milliseconds. */
export interface DeliveryWorkerOptions {
  outbox: HandoffOutbox;
  /** The configured sinks; their names must be the outbox's `sinkNames`. */
  sinks: readonly HandoffSink[];
  logger: Logger;
  /** Identifies this process in leases. Default: host name, pid and a random part. */
  instanceId?: string;
  /** Retry timing; see {@link DEFAULT_BACKOFF}. */
  backoff?: Partial<BackoffOptions>;
  /** One `deliver` call longer than this counts as failed. Default 60 s. */
  attemptTimeoutMs?: number;
  /** How long a claim keeps other instances off a record; must exceed `attemptTimeoutMs`. Default 3 min. */
  leaseMs?: number;
  /** How often the store is scanned for records of other instances or expired leases. Default 60 s. */
  pollIntervalMs?: number;
  /** Records worked on at the same time, so a backlog after an outage does not flood the receivers. Default 4. */
  maxConcurrentRecords?: number;
  /** How long `stop()` waits for attempts in flight. Default 10 s. */
  stopTimeoutMs?: number;
  clock?: Clock;
  timers?: Timers;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

/** Longest delay node's setTimeout accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Settings {
  backoff: BackoffOptions;
  attemptTimeoutMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  maxConcurrentRecords: number;
  stopTimeoutMs: number;
}

/**
 * Delivers outbox entries to every configured sink, at least once each.
 *
 * Each record is claimed with a lease (an etag-checked write of `claimedBy`/`claimedUntil`) before
 * any sink is called, so two instances never work on the same record at once. Failures are
 * retried with exponential backoff and jitter; a permanent rejection is kept and retried rarely.
 * Nothing is ever dropped: a record stays in the outbox until every sink has delivered it.
 */
export class DeliveryWorker {
  readonly instanceId: string;
  private readonly outbox: HandoffOutbox;
  private readonly sinks: ReadonlyMap<string, HandoffSink>;
  private readonly sinkNames: readonly string[];
  private readonly logger: Logger;
  private readonly settings: Settings;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly random: () => number;

  private running = false;
  private unsubscribe: (() => void) | undefined;
  private pollHandle: unknown;
  /** Records waiting for a free slot, in arrival order. */
  private readonly ready = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Woken while in flight: run once more afterwards. */
  private readonly runAgain = new Set<string>();
  private readonly wakeTimers = new Map<string, { handle: unknown; at: number }>();
  /** Entries not yet delivered everywhere, as last seen; source of `health()`. */
  private readonly pending = new Map<string, OutboxEntry>();
  /** Ids known to be complete, so scans need not read them again. */
  private readonly completed = new Set<string>();
  private readonly unreadable = new Set<string>();
  private readonly attemptStatus = new Map<string, SinkAttemptStatus>();
  private lastScanError: string | undefined;

  constructor(options: DeliveryWorkerOptions) {
    this.outbox = options.outbox;
    this.sinkNames = options.sinks.map((sink) => sink.name);
    this.sinks = new Map(options.sinks.map((sink) => [sink.name, sink]));
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.settings = {
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      attemptTimeoutMs: options.attemptTimeoutMs ?? 60_000,
      leaseMs: options.leaseMs ?? 180_000,
      pollIntervalMs: options.pollIntervalMs ?? 60_000,
      maxConcurrentRecords: options.maxConcurrentRecords ?? 4,
      stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    };
    this.checkConfig();
  }

  /**
   * Starts delivering: picks up every pending record in the store (so a restart resumes where
   * the last process stopped), then follows new enqueues and rescans periodically.
   * A store that cannot be read now is logged and retried at the next scan.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.outbox.subscribe((id) => this.wake(id, this.clock.now()));
    if (this.sinkNames.length === 0) this.logger.warn('no hand-off sinks configured: hand-offs are stored but not delivered');
    await this.scan();
    this.schedulePoll();
  }

  /**
   * Stops taking new work and waits up to `stopTimeoutMs` for attempts in flight to finish and
   * release their claims. Records left pending are resumed by the next `start()` (here or on
   * another instance, once the lease runs out).
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.pollHandle !== undefined) this.timers.clearTimeout(this.pollHandle);
    this.pollHandle = undefined;
    for (const { handle } of this.wakeTimers.values()) this.timers.clearTimeout(handle);
    this.wakeTimers.clear();
    this.ready.clear();
    this.runAgain.clear();

    const drained = await this.waitForInFlight(this.settings.stopTimeoutMs);
    if (!drained) this.logger.warn({ inFlight: this.inFlight.size }, 'hand-off delivery stopped with attempts still in flight');
  }

  /** Per-sink delivery health for /health: `degraded` while a sink is failing or has rejected records. */
  health(): DeliveryHealth {
    const entries = [...this.pending.values()];
    const sinks = Object.fromEntries(
      this.sinkNames.map((name) => [name, sinkHealth(name, entries, this.attemptStatus.get(name))]),
    );
    const degraded =
      Object.values(sinks).some((sink) => sink.status === 'degraded') ||
      this.unreadable.size > 0 ||
      this.lastScanError !== undefined;
    return {
      status: degraded ? 'degraded' : 'ok',
      sinks,
      ...(this.unreadable.size > 0 ? { unreadableEntries: this.unreadable.size } : {}),
      ...(this.lastScanError !== undefined ? { storeError: this.lastScanError } : {}),
    };
  }

  private checkConfig(): void {
    const { attemptTimeoutMs, leaseMs, pollIntervalMs, maxConcurrentRecords, backoff } = this.settings;
    if (this.sinks.size !== this.sinkNames.length) throw new HandoffConfigError('[handoff]: sink names must be unique');
    const outboxNames = new Set(this.outbox.sinkNames);
    if (outboxNames.size !== this.sinkNames.length || this.sinkNames.some((name) => !outboxNames.has(name))) {
      throw new HandoffConfigError('[handoff]: the worker sinks must be the outbox sinkNames');
    }
    // A lease shorter than an attempt would let a second instance start the same delivery.
    if (leaseMs <= attemptTimeoutMs) throw new HandoffConfigError('[handoff]: leaseMs must be longer than attemptTimeoutMs');
    const positive = { attemptTimeoutMs, pollIntervalMs, maxConcurrentRecords, ...backoff };
    for (const [key, value] of Object.entries(positive)) {
      if (!(Number.isFinite(value) && value > 0)) throw new HandoffConfigError(`[handoff]: ${key} must be a positive number`);
    }
  }

  private async scan(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.outbox.listIds();
      this.lastScanError = undefined;
    } catch (error) {
      this.lastScanError = describeError(error);
      this.logger.error({ err: this.lastScanError }, 'hand-off outbox scan failed; retrying at the next poll');
      return;
    }
    const present = new Set(ids);
    for (const known of [...this.completed, ...this.pending.keys(), ...this.unreadable]) {
      if (!present.has(known)) this.forget(known);
    }
    const now = this.clock.now();
    for (const id of ids) {
      if (this.completed.has(id) || this.unreadable.has(id) || this.wakeTimers.has(id)) continue;
      if (this.inFlight.has(id) || this.ready.has(id)) continue;
      this.wake(id, now);
    }
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollHandle = this.timers.setTimeout(() => {
      void this.scan().finally(() => this.schedulePoll());
    }, this.settings.pollIntervalMs);
  }

  /** Makes sure `id` is looked at no later than `at`. */
  private wake(id: string, at: number): void {
    if (!this.running) return;
    const existing = this.wakeTimers.get(id);
    if (existing && existing.at <= at) return;
    if (existing) this.timers.clearTimeout(existing.handle);
    this.wakeTimers.delete(id);
    const delay = at - this.clock.now();
    if (delay <= 0) {
      this.markReady(id);
      return;
    }
    // Longer timers overflow and fire at once; waking early is harmless (nothing is due yet).
    const handle = this.timers.setTimeout(() => {
      this.wakeTimers.delete(id);
      this.markReady(id);
    }, Math.min(delay, MAX_TIMER_MS));
    this.wakeTimers.set(id, { handle, at });
  }

  private markReady(id: string): void {
    if (!this.running) return;
    if (this.inFlight.has(id)) this.runAgain.add(id);
    else this.ready.add(id);
    this.pump();
  }

  private pump(): void {
    while (this.running && this.inFlight.size < this.settings.maxConcurrentRecords && this.ready.size > 0) {
      const id = this.ready.values().next().value as string;
      this.ready.delete(id);
      const run = this.processRecord(id)
        .catch((error: unknown) => this.onProcessError(id, error))
        // Nothing may escape as an unhandled rejection, not even a failing logger.
        .catch(() => undefined)
        .finally(() => {
          this.inFlight.delete(id);
          if (this.runAgain.delete(id)) this.markReady(id);
          this.pump();
        });
      this.inFlight.set(id, run);
    }
  }

  /** One round for one record: claim, call every due sink, record each outcome, release. */
  private async processRecord(id: string): Promise<void> {
    const now = this.clock.now();
    const claim = await this.outbox.update(id, (entry) => {
      if (isComplete(entry, this.sinkNames) || isClaimedByOther(entry, this.instanceId, now)) return undefined;
      if (dueSinks(entry, this.sinkNames, now).length === 0) return undefined;
      return withClaim(entry, this.instanceId, now + this.settings.leaseMs);
    });
    if (!claim) {
      this.forget(id);
      return;
    }
    if (!claim.changed) {
      this.scheduleNext(id, claim.entry);
      return;
    }
    this.pending.set(id, claim.entry);
    const record = claim.entry.record;
    // allSettled: the round must not end (and a new one start) while another sink is still in flight.
    const results = await Promise.allSettled(dueSinks(claim.entry, this.sinkNames, now).map((name) => this.attempt(record, name)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;

    const released = await this.outbox.update(id, (entry) => withoutClaim(entry, this.instanceId));
    if (released) this.scheduleNext(id, released.entry);
    else this.forget(id);
  }

  private async attempt(record: HandoffRecord, sinkName: string): Promise<void> {
    const sink = this.sinks.get(sinkName) as HandoffSink;
    let failure: unknown;
    let ok = true;
    try {
      await this.withTimeout(sink.deliver(record), sinkName);
    } catch (error) {
      ok = false;
      failure = error;
    }
    const finishedAt = this.clock.now();
    this.attemptStatus.set(sinkName, this.nextAttemptStatus(sinkName, ok, failure, finishedAt));

    const stored = await this.outbox.update(record.id, (entry) => {
      const attempts = deliveryFor(entry, sinkName).attempts + 1;
      return withAttempt(entry, sinkName, this.outcome(ok, failure, attempts), this.sinkNames, finishedAt);
    });
    if (stored) this.pending.set(record.id, stored.entry);
    this.logAttempt(record.id, sinkName, stored?.entry);
  }

  private outcome(ok: boolean, failure: unknown, attempts: number): AttemptOutcome {
    if (ok) return { ok: true };
    const rejected = failure instanceof DeliveryRejectedError;
    const backoff = this.settings.backoff;
    let retryInMs = rejected ? rejectedDelayMs(backoff, this.random) : retryDelayMs(attempts, backoff, this.random);
    if (failure instanceof HandoffDeliveryError && failure.retryAfterMs !== undefined) {
      // Honour the receiver's Retry-After, within reason.
      retryInMs = Math.max(retryInMs, Math.min(failure.retryAfterMs, backoff.rejectedDelayMs));
    }
    return { ok: false, error: describeError(failure), rejected, retryInMs };
  }

  private nextAttemptStatus(sinkName: string, ok: boolean, failure: unknown, at: number): SinkAttemptStatus {
    const previous = this.attemptStatus.get(sinkName);
    if (ok) return { lastAttemptFailed: false, lastError: previous?.lastError, lastErrorAt: previous?.lastErrorAt };
    return { lastAttemptFailed: true, lastError: describeError(failure), lastErrorAt: new Date(at).toISOString() };
  }

  private logAttempt(handoffId: string, sink: string, entry: OutboxEntry | undefined): void {
    if (!entry) return;
    const delivery = deliveryFor(entry, sink);
    const fields = { handoffId, sink, attempts: delivery.attempts };
    if (delivery.state === 'delivered') {
      this.logger.info(fields, 'hand-off delivered');
    } else if (delivery.rejected) {
      this.logger.error({ ...fields, err: delivery.lastError, nextAttemptAt: delivery.nextAttemptAt }, 'hand-off rejected by the receiver; kept and retried later');
    } else {
      this.logger.warn({ ...fields, err: delivery.lastError, nextAttemptAt: delivery.nextAttemptAt }, 'hand-off delivery failed; will retry');
    }
  }

  private scheduleNext(id: string, entry: OutboxEntry): void {
    const at = nextWakeAt(entry, this.sinkNames, this.instanceId, this.clock.now());
    if (at === undefined) {
      this.pending.delete(id);
      this.completed.add(id);
      return;
    }
    this.pending.set(id, entry);
    this.wake(id, at);
  }

  private onProcessError(id: string, error: unknown): void {
    if (error instanceof CorruptOutboxEntryError) {
      // Left in place for a person; retrying cannot repair it.
      this.unreadable.add(id);
      this.logger.error({ handoffId: id, err: describeError(error) }, 'unreadable hand-off entry; skipped');
      return;
    }
    // Usually the store is down. Retry on the normal schedule; the lease stops double delivery meanwhile.
    const retryInMs = retryDelayMs(1, this.settings.backoff, this.random);
    this.logger.error({ handoffId: id, err: describeError(error), retryInMs }, 'hand-off delivery round failed');
    this.wake(id, this.clock.now() + retryInMs);
  }

  private forget(id: string): void {
    this.pending.delete(id);
    this.completed.delete(id);
    this.unreadable.delete(id);
  }

  private async withTimeout(delivery: Promise<void>, sinkName: string): Promise<void> {
    let handle: unknown;
    const timeout = new Promise<never>((_, reject) => {
      handle = this.timers.setTimeout(
        () => reject(new DeliveryTimeoutError(sinkName, `no answer within ${this.settings.attemptTimeoutMs} ms`)),
        this.settings.attemptTimeoutMs,
      );
    });
    try {
      await Promise.race([delivery, timeout]);
    } finally {
      this.timers.clearTimeout(handle);
    }
  }

  private async waitForInFlight(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return true;
    let handle: unknown;
    const timedOut = new Promise<false>((resolve) => {
      handle = this.timers.setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = (async (): Promise<true> => {
      // Finishing rounds can hand over to nothing (running is false), so this terminates.
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
      return true;
    })();
    try {
      return await Promise.race([drained, timedOut]);
    } finally {
      this.timers.clearTimeout(handle);
    }
  }
}
