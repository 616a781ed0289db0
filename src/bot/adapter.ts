import {
  Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { KeyedSerializer } from '../storage/keyedSerializer';
import { newReference } from '../util/reference';
import { ReusingBotFrameworkAuthentication } from './reusingAuthentication';

/** Why a turn failed, for the HTTP layer to turn into a status code without leaking details. */
export class TurnRejectedError extends Error {
  override name = 'TurnRejectedError';
  constructor(readonly status: 401 | 500, message: string, readonly reference: string) {
    super(message);
  }
}


/**
 * CloudAdapter with the request handling pulled out, so the HTTP layer decides what a client sees:
 * CloudAdapter.process() prints stack traces and returns error messages in the body.
 */
export class GuidanceAdapter extends CloudAdapter {
  private readonly turns = new KeyedSerializer();

  constructor(auth: BotFrameworkAuthentication, private readonly logger: Logger) {
    super(auth);
  }

  /**
   * Authenticates and runs one inbound activity; resolves with the invoke response or expectReplies body.
   * Turns of one conversation run one at a time, in arrival order: a parent who sends two messages in
   * quick succession gets both answered in order, rather than the second losing an eTag race on the
   * conversation's state. (Across instances the eTag check still guards.) Authentication comes first,
   * so requests without a valid token never wait in, or hold up, a conversation's queue.
   */
  async handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    try {
      const authenticated = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
      const key = `${activity.channelId}\n${activity.conversation?.id ?? ''}`;
      return await this.turns.run(key, () => this.processActivity(authenticated, activity, logic));
    } catch (err) {
      const reference = newReference();
      const isAuth = err instanceof Error && (err.name === 'AuthenticationError' || /unauthori[sz]ed|token|jwt|issuer|audience|signing key/i.test(err.message));
      this.logger.warn({ reference, err: { name: (err as Error)?.name, message: (err as Error)?.message }, activityType: activity.type, channelId: activity.channelId }, isAuth ? 'request rejected: authentication failed' : 'turn failed');
      throw new TurnRejectedError(isAuth ? 401 : 500, isAuth ? 'authentication failed' : 'the bot could not process this activity', reference);
    }
  }
}

/** Bot Framework authentication from our config, using the variable names the Bot Framework tools use. */
export function createAuthentication(config: Config): BotFrameworkAuthentication {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
  return new ReusingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication(options));
}
