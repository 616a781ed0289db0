import type { DocumentStore } from '../storage/documentStore';
import { HandoffOutbox, outboxKey } from './outbox';

/**
 * Deletes hand-off records that every sink delivered before `cutoff`. A record still pending is
 * kept however old it is: retention must never drop a hand-off that has not reached an adviser.
 */
export function completedHandoffPurger(outbox: HandoffOutbox, store: DocumentStore): { deleteCompletedBefore(cutoff: Date): Promise<number> } {
  return {
    async deleteCompletedBefore(cutoff: Date): Promise<number> {
      let deleted = 0;
      for (const id of await outbox.listIds()) {
        const version = await outbox.read(id).catch(() => undefined);
        const completedAt = version?.entry.completedAt;
        if (!completedAt || new Date(completedAt) >= cutoff) continue;
        await store.delete(outboxKey(id));
        deleted++;
      }
      return deleted;
    },
  };
}
