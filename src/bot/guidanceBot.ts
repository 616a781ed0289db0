import { ConversationState, TeamsActivityHandler, TurnContext, UserState } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationRouter } from '../../dialogs/conversationRouter';
import type { AdviserRelay } from './adviserRelay';
import { readHandoffStatus } from './handoff/handoffStatus';

/** What the bot tells a parent when an agent hub reports on their hand-off. */
export type HandoffStatusNotice = (context: TurnContext, state: 'accepted' | 'failed' | 'completed') => Promise<void>;

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
    private readonly relay?: AdviserRelay,
    private readonly onHandoffStatus?: HandoffStatusNotice,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const added = context.activity.membersAdded ?? [];
      const people = added.filter((m) => m.id !== botId);
      // Teams announces a personal install by adding only the bot; that is the parent's first contact.
      const installedForParent = added.some((m) => m.id === botId) && context.activity.conversation?.conversationType === 'personal';
      const advisersChannel = this.relay?.isAdviserActivity(context.activity) ?? false;
      if ((people.length || installedForParent) && !advisersChannel) await this.router.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      // Advisers in their Teams channel talk to parents through the relay, never to the router.
      if (this.relay?.isAdviserActivity(context.activity)) await this.relay.onAdviserMessage(context);
      else await this.router.onMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      const status = readHandoffStatus(context.activity);
      if (status && this.onHandoffStatus) {
        this.logger.info({ event: 'handoff-status', state: status.state }, 'agent hub reported on a hand-off');
        await this.onHandoffStatus(context, status.state);
      }
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
