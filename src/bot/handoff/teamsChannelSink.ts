import { CardFactory, type Activity, type ChannelAccount, type ConversationParameters, type TurnContext } from 'botbuilder';
import { HandoffConfigError } from '../../handoff/errors';
import type { HandoffRecord } from '../../handoff/record';
import type { HandoffSink } from '../../handoff/sink';
import { runCapturingTurn } from './captureTurn';
import { connectorFailure } from './connectorFailure';
import { buildHandoffCard, type HandoffCardLimits } from './handoffCard';

/** The part of `CloudAdapter` this sink uses. */
export interface ConversationCreatingAdapter {
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string | undefined,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** The advisers' Teams channel, as a channel conversation reference. */
export interface TeamsChannelTarget {
  /** Teams service URL of the tenant's region, e.g. `https://smba.trafficmanager.net/emea/`. */
  serviceUrl: string;
  /** Channel conversation id, e.g. `19:…@thread.tacv2`. */
  conversationId: string;
  /** Microsoft Entra tenant id. */
  tenantId: string;
  /** Bot Framework channel; default `msteams`. */
  channelId?: string;
}

/** Options of {@link TeamsChannelSink}. */
export interface TeamsChannelSinkOptions {
  adapter: ConversationCreatingAdapter;
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  channel: TeamsChannelTarget;
  /** Sink name in the outbox. Default `teams`. */
  name?: string;
  /** Token audience; default the adapter's (Bot Framework public cloud). */
  audience?: string;
  card?: HandoffCardLimits;
}

/**
 * Posts each hand-off as an Adaptive Card to the advisers' Teams channel. Each hand-off starts
 * its own thread (a new channel conversation), where advisers can discuss it; the card carries
 * the record id, since Teams has no idempotency key and a retry after a lost answer posts again.
 */
export class TeamsChannelSink implements HandoffSink {
  readonly name: string;
  private readonly adapter: ConversationCreatingAdapter;
  private readonly appId: string;
  private readonly channel: Required<TeamsChannelTarget>;
  private readonly audience: string | undefined;
  private readonly cardLimits: HandoffCardLimits;

  constructor(options: TeamsChannelSinkOptions) {
    const { serviceUrl, conversationId, tenantId } = options.channel;
    if (!serviceUrl || !conversationId || !tenantId) {
      throw new HandoffConfigError('[handoff]: Teams channel needs serviceUrl, conversationId and tenantId');
    }
    this.name = options.name ?? 'teams';
    this.adapter = options.adapter;
    this.appId = options.appId;
    this.channel = { serviceUrl, conversationId, tenantId, channelId: options.channel.channelId ?? 'msteams' };
    this.audience = options.audience;
    this.cardLimits = options.card ?? {};
  }

  /** @throws DeliveryRejectedError on connector 4xx (but 408/429); HandoffDeliveryError otherwise */
  async deliver(record: HandoffRecord): Promise<void> {
    const { serviceUrl, channelId } = this.channel;
    try {
      await runCapturingTurn(
        (logic) => this.adapter.createConversationAsync(this.appId, channelId, serviceUrl, this.audience, this.parameters(record), logic),
        // The card went out with the create-conversation call; the turn has nothing more to send.
        async () => undefined,
      );
    } catch (error) {
      throw connectorFailure(this.name, error);
    }
  }

  private parameters(record: HandoffRecord): ConversationParameters {
    const { conversationId, tenantId } = this.channel;
    const message: Partial<Activity> = {
      type: 'message',
      // Notification preview; the area and reason only, no personal data.
      summary: `Hand-off for ${record.area} (${record.summary.reason})`,
      attachments: [CardFactory.adaptiveCard(buildHandoffCard(record, this.cardLimits))],
    };
    return {
      isGroup: true,
      bot: { id: this.appId } as ChannelAccount,
      tenantId,
      channelData: { channel: { id: conversationId }, tenant: { id: tenantId } },
      // ConversationParameters types the first message as a full Activity; the connector fills the rest.
      activity: message as Activity,
    };
  }
}
