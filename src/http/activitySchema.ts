import { z } from 'zod';

/**
 * The shape an inbound Bot Framework activity must have before the bot sees it. Loose where channels
 * differ (channelData, entities), strict where a missing field would break a turn.
 */
const account = z.object({ id: z.string().min(1).max(512), name: z.string().max(512).optional() }).loose();

export const MAX_TEXT_LENGTH = 10_000;

export const inboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(128),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).loose(),
    from: account,
    recipient: account.optional(),
    text: z.string().max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(256) }).loose()).max(20).optional(),
    membersAdded: z.array(account).max(100).optional(),
    deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
  })
  .loose();

export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** First problem with an activity, in one line a client developer can act on; undefined when it is fine. */
export function activityProblem(body: unknown): string | undefined {
  const result = inboundActivitySchema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join('.') || 'activity'}: ${issue.message}`;
}
