import type { Activity, TranscriptStore, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { DataEraser, HandoffDraft, HandoffSubmitter } from '../../dialogs/services';
import { createHandoffId, HandoffRecord, TranscriptEntry } from '../handoff/record';
import { requestEraseAfterTurn } from './eraseAfterTurn';

/** The part of the outbox the submitter needs. */
export interface HandoffQueue {
  enqueue(record: HandoffRecord): Promise<unknown>;
  cancel(id: string): Promise<{ alreadyDelivered: string[] } | undefined>;
}

/** Turns the Bot Framework transcript of a conversation into the record's transcript (messages only). */
export async function readTranscript(store: TranscriptStore, channelId: string, conversationId: string): Promise<TranscriptEntry[]> {
  const entries: TranscriptEntry[] = [];
  // The transcript logger writes without awaiting; let earlier turns land before reading.
  const flushable = store as TranscriptStore & { flush?: () => Promise<void> };
  if (typeof flushable.flush === 'function') await flushable.flush();
  let token: string | undefined;
  for (let page = 0; page < 50; page++) {
    const result = await store.getTranscriptActivities(channelId, conversationId, token);
    for (const a of result.items as Activity[]) {
      if (a.type !== 'message' || !a.text) continue;
      const fromBot = a.from?.role === 'bot' || (a.recipient?.role === 'user') || a.from?.id === a.recipient?.id;
      entries.push({ from: fromBot ? 'bot' : 'parent', text: a.text.slice(0, 20_000), timestamp: new Date(a.timestamp ?? Date.now()).toISOString() });
    }
    token = result.continuationToken;
    if (!token) break;
  }
  return entries;
}

/**
 * Builds the hand-off record from what the dialog collected plus the transcript, and writes it to the
 * durable outbox. Resolves only after the write, so the parent is never told a lost request was sent.
 */
export class OutboxHandoffSubmitter implements HandoffSubmitter {
  constructor(private readonly queue: HandoffQueue, private readonly transcripts: TranscriptStore, private readonly logger: Logger) {}

  async submit(context: TurnContext, draft: HandoffDraft): Promise<{ id: string; reference: string }> {
    const a = context.activity;
    const transcript = await readTranscript(this.transcripts, a.channelId, a.conversation.id).catch((err: unknown) => {
      // A missing transcript must not lose the hand-off: the summary and contact still go.
      this.logger.warn({ err: { message: (err as Error).message } }, 'transcript unavailable for hand-off');
      return [] as TranscriptEntry[];
    });
    const tenantId = (a.conversation as { tenantId?: string }).tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const record: HandoffRecord = {
      id: createHandoffId(),
      createdAt: new Date().toISOString(),
      area: draft.area,
      consent: draft.consent,
      summary: { ...draft.summary, reason: draft.reason },
      contact: draft.contact,
      transcript,
      route: {
        channelId: a.channelId,
        conversationId: a.conversation.id,
        serviceUrl: a.serviceUrl,
        botId: a.recipient?.id,
        userId: a.from?.id,
        ...(tenantId ? { tenantId } : {}),
      },
    };
    await this.queue.enqueue(record);
    this.logger.info({ event: 'handoff-queued', handoffId: record.id, area: record.area, reason: draft.reason }, 'hand-off saved to the outbox');
    return { id: record.id, reference: record.id.slice(0, 8).toUpperCase() };
  }

  async cancel(id: string): Promise<{ found: boolean; alreadyDelivered: boolean }> {
    const result = await this.queue.cancel(id);
    this.logger.info({ event: 'handoff-cancelled', handoffId: id, alreadyDelivered: result?.alreadyDelivered ?? [] }, 'parent cancelled a hand-off');
    return { found: Boolean(result), alreadyDelivered: (result?.alreadyDelivered.length ?? 0) > 0 };
  }
}

/** Erases state and transcript through functions the storage layer provides. */
export class StateDataEraser implements DataEraser {
  constructor(
    private readonly clearLoaded: (context: TurnContext) => Promise<void>,
    private readonly deleteStored: (ids: { channelId: string; conversationId: string; userId: string }) => Promise<void>,
  ) {}

  async erase(context: TurnContext): Promise<void> {
    const a = context.activity;
    await this.clearLoaded(context);
    // Delete now, so a failure can be told to the parent, and again after the turn, to remove the
    // state and transcript this very turn writes.
    await this.deleteStored({ channelId: a.channelId, conversationId: a.conversation.id, userId: a.from.id });
    requestEraseAfterTurn(context);
  }
}
