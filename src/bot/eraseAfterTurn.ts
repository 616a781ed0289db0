import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

const ERASE_KEY = Symbol('eraseAfterTurn');

export type DeleteStored = (ids: { channelId: string; conversationId: string; userId: string }) => Promise<void>;

/** Marks the turn so its own state and transcript are erased once the turn has been written. */
export function requestEraseAfterTurn(context: TurnContext): void {
  context.turnState.set(ERASE_KEY, true);
}

/**
 * Registered before the transcript logger, so it runs after the logger has queued this turn's
 * activities and after state was saved: "delete my data" then leaves nothing of the turn behind.
 */
export class EraseAfterTurnMiddleware implements Middleware {
  constructor(private readonly flushTranscripts: () => Promise<void>, private readonly deleteStored: DeleteStored, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    if (!context.turnState.get(ERASE_KEY)) return;
    const a = context.activity;
    try {
      await this.flushTranscripts();
      await this.deleteStored({ channelId: a.channelId, conversationId: a.conversation.id, userId: a.from.id });
    } catch (err) {
      this.logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'erasing the last turn after "delete my data" failed');
    }
  }
}
