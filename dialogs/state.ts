import type { StatePropertyAccessor } from 'botbuilder';

/** What the bot remembers about a parent across conversations (user state). */
export interface ParentProfile {
  area?: string;
  /** True once the parent has told us where they live (not just the default). */
  areaConfirmed?: boolean;
}

/** What the bot remembers within one conversation (conversation state). */
export interface ConversationData {
  lastTopic?: string;
  failedAttempts?: number;
  /** True once an answer has said which area it used (said once, not after every answer). */
  areaNoteShown?: boolean;
  /** True right after an answer, so a typed "yes"/"no" is read as "did that help?". */
  awaitingFeedback?: boolean;
  welcomed?: boolean;
  /** The last hand-off sent from this conversation, so the parent can withdraw it. */
  lastHandoff?: { id: string; reference: string };
  /** Set while an adviser is talking to the parent through the bot. */
  relay?: { handoffId: string; adviserConversationId: string; since: string };
}

export interface StateAccessors {
  profile: StatePropertyAccessor<ParentProfile>;
  conversation: StatePropertyAccessor<ConversationData>;
}
