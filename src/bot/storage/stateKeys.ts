/**
 * Prefixes of the state keys botbuilder uses for one parent. They mirror `getStorageKey` in botbuilder-core
 * 4.23: ConversationState `${channelId}/conversations/${conversationId}/${namespace}`,
 * PrivateConversationState `${channelId}/conversations/${conversationId}/users/${userId}/${namespace}`
 * and UserState `${channelId}/users/${userId}/${namespace}`. The trailing `/` keeps conversation `abc`
 * from matching `abc123`, and covers every namespace.
 */

/** Thrown when an id is empty: an empty id would widen a prefix to every parent's data. */
export class InvalidStateIdError extends Error {
  override name = 'InvalidStateIdError';
  constructor(field: string) {
    super(`[stateKeys]: ${field} must be a non-empty string`);
  }
}

function required(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidStateIdError(field);
  return value;
}

/** Every conversation-scoped state key (ConversationState and PrivateConversationState) of one conversation. */
export function conversationStatePrefix(channelId: string, conversationId: string): string {
  return `${required(channelId, 'channelId')}/conversations/${required(conversationId, 'conversationId')}/`;
}

/** Every UserState key of one user on one channel. */
export function userStatePrefix(channelId: string, userId: string): string {
  return `${required(channelId, 'channelId')}/users/${required(userId, 'userId')}/`;
}
