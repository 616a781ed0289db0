import type { ChannelAccount, ConversationAccount, ConversationReference } from 'botbuilder';
import type { HandoffRoute } from '../../handoff/record';

/**
 * The parent's conversation as a Bot Framework conversation reference, to continue it proactively.
 * Only ids are known; the schema types demand display fields (name, conversationType) that the
 * connector does not need, so partial objects are cast rather than filled with invented values.
 */
export function routeToConversationReference(route: HandoffRoute, appId: string): Partial<ConversationReference> {
  const conversation = { id: route.conversationId, ...(route.tenantId !== undefined ? { tenantId: route.tenantId } : {}) };
  return {
    channelId: route.channelId,
    serviceUrl: route.serviceUrl,
    conversation: conversation as ConversationAccount,
    bot: { id: route.botId ?? appId } as ChannelAccount,
    ...(route.userId !== undefined ? { user: { id: route.userId } as ChannelAccount } : {}),
  };
}
