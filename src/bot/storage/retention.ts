import { DatedDocumentStore } from '../../storage/datedDocumentStore';
import { conversationStatePrefix, userStatePrefix } from './stateKeys';
import { BotStateStorage, ManagedTranscriptStore } from './storeContracts';

/** Where the hand-off outbox keeps its documents; only these are purged by age. */
export const HANDOFF_PREFIX = 'handoff/';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The stores retention works on (what `createStores` returns). */
export interface RetainedStores {
  state: BotStateStorage;
  transcripts: ManagedTranscriptStore;
  documents: DatedDocumentStore;
  /**
   * The hand-off outbox. When given, only hand-offs delivered to every sink are purged: an
   * undelivered hand-off is never dropped, however old.
   */
  handoffs?: { deleteCompletedBefore(cutoff: Date): Promise<number> };
}

/** What one purge removed. */
export interface PurgeReport {
  cutoff: Date;
  transcripts: number;
  handoffs: number;
}

/**
 * Deletes transcripts not written to for `days` days and hand-off documents not modified for `days` days.
 * Ages come from the stores' own write times, so no document shape is assumed.
 * `now` is for tests.
 */
export async function purgeOlderThan(stores: RetainedStores, days: number, now: Date = new Date()): Promise<PurgeReport> {
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`[retention]: days must be a positive number, got ${days}`);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const transcripts = await stores.transcripts.purgeOlderThan(cutoff);
  if (stores.handoffs) return { cutoff, transcripts, handoffs: await stores.handoffs.deleteCompletedBefore(cutoff) };
  let handoffs = 0;
  for (const { key, modifiedAt } of await stores.documents.listInfo(HANDOFF_PREFIX)) {
    if (modifiedAt >= cutoff) continue;
    await stores.documents.delete(key);
    handoffs++;
  }
  return { cutoff, transcripts, handoffs };
}

/** Identifies one parent's data, as in the activity: `channelId`, `conversation.id`, `from.id`. */
export interface UserDataIds {
  channelId: string;
  conversationId: string;
  userId: string;
}

/** What {@link deleteUserData} removed. */
export interface DeletionReport {
  /** State items deleted (conversation, private conversation and user state, every namespace). */
  stateItems: number;
}

/**
 * Removes a parent's conversation state, private conversation state, user state (every namespace) and the
 * conversation's transcript. Run it after the turn that asked for it has ended: within the turn, BotState's
 * saveChanges and the transcript logger would write that turn's state and activities back afterwards.
 * Hand-off documents are not touched (they record what was sent on with the parent's consent).
 */
export async function deleteUserData(stores: RetainedStores, ids: UserDataIds): Promise<DeletionReport> {
  const conversationPrefix = conversationStatePrefix(ids.channelId, ids.conversationId);
  const userPrefix = userStatePrefix(ids.channelId, ids.userId);
  const conversationItems = await stores.state.deleteByPrefix(conversationPrefix);
  const userItems = await stores.state.deleteByPrefix(userPrefix);
  // deleteTranscript waits for this process's pending transcript writes, so none lands afterwards.
  await stores.transcripts.deleteTranscript(ids.channelId, ids.conversationId);
  return { stateItems: conversationItems + userItems };
}

export interface RetentionSchedule {
  /** Time between purges. */
  intervalMs: number;
  /** Keep data for this many days. */
  days: number;
  /** Called after each purge (e.g. to log counts). */
  onPurged?: (report: PurgeReport) => void;
  /** Called when a purge fails; the schedule carries on. */
  onError?: (err: unknown) => void;
}

/**
 * Purges now (soon after start, so frequent restarts cannot starve it) and then every `intervalMs`.
 * Runs never overlap. The timers are unref'd: they never keep the process alive.
 * Returns a function that stops the schedule.
 */
export function scheduleRetention(stores: RetainedStores, schedule: RetentionSchedule): () => void {
  const { intervalMs, days, onPurged, onError } = schedule;
  // Node turns delays above 2^31-1 ms (about 24.8 days) into 1 ms: that would purge in a busy loop.
  if (!Number.isFinite(intervalMs) || intervalMs <= 0 || intervalMs > MAX_TIMER_MS) {
    throw new RangeError(`[retention]: intervalMs must be between 1 and ${MAX_TIMER_MS}, got ${intervalMs}`);
  }
  if (!Number.isFinite(days) || days <= 0) throw new RangeError(`[retention]: days must be positive, got ${days}`);
  let stopped = false;
  let running = false;
  const run = async (): Promise<void> => {
    if (stopped || running) return;
    running = true;
    try {
      const report = await purgeOlderThan(stores, days);
      if (!stopped) onPurged?.(report);
    } catch (err) {
      onError?.(err);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 0);
  const timer = setInterval(() => void run(), intervalMs);
  first.unref();
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
