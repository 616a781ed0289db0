import type { Config } from '../config/config';
import { EmailSink, HandoffSink, WebhookSink } from '../handoff';
import type { GuidanceAdapter } from './adapter';
import { BotFrameworkHandoffSink, TeamsChannelSink } from './handoff';

/** One sink for each delivery the operator configured (see README "Hand-off delivery"). */
export function createSinks(config: Config, adapter: GuidanceAdapter): HandoffSink[] {
  const sinks: HandoffSink[] = [];
  const appId = config.MicrosoftAppId ?? '';
  if (config.HANDOFF_WEBHOOK_URL && config.HANDOFF_WEBHOOK_SECRET) {
    sinks.push(new WebhookSink({ url: config.HANDOFF_WEBHOOK_URL, secret: config.HANDOFF_WEBHOOK_SECRET }));
  }
  if (config.SMTP_URL && config.HANDOFF_EMAIL_TO) {
    sinks.push(new EmailSink({ smtpUrl: config.SMTP_URL, to: config.HANDOFF_EMAIL_TO, from: config.HANDOFF_EMAIL_FROM ?? config.HANDOFF_EMAIL_TO }));
  }
  if (config.ADVISER_TEAMS_CONVERSATION_ID && config.ADVISER_TEAMS_SERVICE_URL) {
    sinks.push(
      new TeamsChannelSink({
        adapter,
        appId,
        channel: { serviceUrl: config.ADVISER_TEAMS_SERVICE_URL, conversationId: config.ADVISER_TEAMS_CONVERSATION_ID, tenantId: config.ADVISER_TEAMS_TENANT_ID ?? config.MicrosoftAppTenantId ?? '' },
      }),
    );
  }
  if (config.HANDOFF_EVENT === 'true') sinks.push(new BotFrameworkHandoffSink({ adapter, appId }));
  return sinks;
}
