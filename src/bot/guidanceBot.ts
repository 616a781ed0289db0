import { ConversationState, TeamsActivityHandler, TurnContext, UserState } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationRouter } from '../../dialogs/conversationRouter';

/**
 * The bot itself stays thin: welcome new members, hand messages to the router, save state.
 * TeamsActivityHandler so Teams-specific events are routed, while other channels work the same.
 */
export class GuidanceBot extends TeamsActivityHandler {
  constructor(
    private readonly router: ConversationRouter,
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly logger: Logger,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (people.length) await this.router.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.router.onMessage(context);
      await next();
    });
    this.onUnrecognizedActivityType(async (context, next) => {
      this.logger.debug({ type: context.activity.type }, 'activity type ignored');
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}
