import type { Activity, ChannelAccount, ConversationAccount, Transcript } from 'botbuilder';
import type { HandoffRecord } from '../../handoff/record';

/**
 * The record's conversation as a Bot Framework transcript (message activities in order), the
 * form an agent hub expects in a hand-off initiation.
 */
export function recordToTranscript(record: HandoffRecord, appId: string): Transcript {
  const { route } = record;
  const parent = { id: route.userId ?? 'parent', role: 'user' } as ChannelAccount;
  const bot = { id: route.botId ?? appId, role: 'bot' } as ChannelAccount;
  const conversation = { id: route.conversationId } as ConversationAccount;
  const activities = record.transcript.map((entry, index): Partial<Activity> => ({
    type: 'message',
    id: `${record.id}-${index}`,
    timestamp: new Date(entry.timestamp),
    channelId: route.channelId,
    serviceUrl: route.serviceUrl,
    conversation,
    from: entry.from === 'parent' ? parent : bot,
    recipient: entry.from === 'parent' ? bot : parent,
    text: entry.text,
  }));
  // Activity's type marks every optional channel field as required; these messages carry what a transcript needs.
  return { activities: activities as Activity[] };
}
