import './helpers/restoreNock';
import { DEFAULT_BACKOFF, rejectedDelayMs, retryDelayMs } from '../../../src/handoff/backoff';
import { dueSinks, isClaimedByOther, newOutboxEntry, nextWakeAt, withAttempt, withClaim, withoutClaim } from '../../../src/handoff/outboxEntry';
import { makeRecord } from './helpers/records';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const SINKS = ['webhook', 'email'];

describe('retry delays', () => {
  const options = { baseDelayMs: 1_000, maxDelayMs: 60_000, rejectedDelayMs: 3_600_000 };

  it('double with each attempt, between half and all of the exponential step', () => {
    expect(retryDelayMs(1, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, () => 0.999999)).toBe(1_000);
    expect(retryDelayMs(2, options, () => 0)).toBe(1_000);
    expect(retryDelayMs(4, options, () => 0.5)).toBe(6_000);
  });

  it('never exceed the cap, however many attempts', () => {
    expect(retryDelayMs(500, options, () => 0.999999)).toBe(60_000);
  });

  it('wait long after a rejection', () => {
    expect(rejectedDelayMs(options, () => 0)).toBe(1_800_000);
    expect(rejectedDelayMs(DEFAULT_BACKOFF, () => 0)).toBeGreaterThan(DEFAULT_BACKOFF.maxDelayMs);
  });
});

describe('outbox entry state', () => {
  it('starts with every sink due', () => {
    const entry = newOutboxEntry(makeRecord(), SINKS, T0);
    expect(dueSinks(entry, SINKS, T0)).toEqual(SINKS);
    expect(nextWakeAt(entry, SINKS, 'me', T0)).toBe(T0);
  });

  it('records a failure with attempts, error and next time; a success is final', () => {
    let entry = newOutboxEntry(makeRecord(), SINKS, T0);
    entry = withAttempt(entry, 'webhook', { ok: false, error: 'HTTP 500', rejected: false, retryInMs: 5_000 }, SINKS, T0);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500', nextAttemptAt: '2026-01-05T10:00:05.000Z' });
    expect(dueSinks(entry, SINKS, T0)).toEqual(['email']);

    entry = withAttempt(entry, 'webhook', { ok: true }, SINKS, T0 + 5_000);
    expect(entry.deliveries.webhook).toMatchObject({ state: 'delivered', attempts: 2 });
    const late = withAttempt(entry, 'webhook', { ok: false, error: 'late', rejected: false, retryInMs: 1 }, SINKS, T0 + 6_000);
    expect(late.deliveries.webhook?.state).toBe('delivered');
  });

  it('is complete once every sink delivered, and then needs no wake-up', () => {
    let entry = newOutboxEntry(makeRecord(), SINKS, T0);
    entry = withAttempt(entry, 'webhook', { ok: true }, SINKS, T0);
    expect(entry.completedAt).toBeUndefined();
    entry = withAttempt(entry, 'email', { ok: true }, SINKS, T0 + 1);
    expect(entry.completedAt).toBe('2026-01-05T10:00:00.001Z');
    expect(nextWakeAt(entry, SINKS, 'me', T0)).toBeUndefined();
  });

  it("respects another instance's lease until it runs out", () => {
    const entry = withClaim(newOutboxEntry(makeRecord(), SINKS, T0), 'other', T0 + 60_000);
    expect(isClaimedByOther(entry, 'me', T0)).toBe(true);
    expect(isClaimedByOther(entry, 'other', T0)).toBe(false);
    expect(isClaimedByOther(entry, 'me', T0 + 60_000)).toBe(false);
    expect(nextWakeAt(entry, SINKS, 'me', T0)).toBe(T0 + 60_000);
    expect(withoutClaim(entry, 'me')).toBe(entry);
    expect(withoutClaim(entry, 'other').claimedBy).toBeUndefined();
  });

  it('treats a sink configured after enqueue as pending', () => {
    const entry = newOutboxEntry(makeRecord(), ['webhook'], T0);
    expect(dueSinks(entry, ['webhook', 'teams'], T0)).toEqual(['webhook', 'teams']);
  });
});
