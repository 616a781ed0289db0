import { EventFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { HandoffRecord } from '../../handoff/record';
import type { HandoffSink } from '../../handoff/sink';
import { runCapturingTurn } from './captureTurn';
import { connectorFailure } from './connectorFailure';
import { routeToConversationReference } from './conversationReference';
import { recordToTranscript } from './handoffTranscript';

/** The part of `CloudAdapter` this sink uses. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** Options of {@link BotFrameworkHandoffSink}. */
export interface BotFrameworkHandoffSinkOptions {
  adapter: ProactiveAdapter;
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  /** Sink name in the outbox. Default `botframework`. */
  name?: string;
}

/** What the agent hub receives as the hand-off context (the event's `value`). */
export interface HandoffEventContext {
  handoffId: string;
  area: string;
  createdAt: string;
  reason: HandoffRecord['summary']['reason'];
  summary: HandoffRecord['summary'];
  contact: HandoffRecord['contact'];
  consent: HandoffRecord['consent'];
}

/** The hand-off context sent with the initiation event. */
export function handoffEventContext(record: HandoffRecord): HandoffEventContext {
  return {
    handoffId: record.id,
    area: record.area,
    createdAt: record.createdAt,
    reason: record.summary.reason,
    summary: record.summary,
    contact: record.contact,
    consent: record.consent,
  };
}

/**
 * Sends a Bot Framework `handoff.initiate` event, with the summary and the transcript, into the
 * parent's own conversation, where an agent hub such as Dynamics 365 Omnichannel takes it over.
 * The hub answers with `handoff.status` events; see {@link readHandoffStatus}.
 */
export class BotFrameworkHandoffSink implements HandoffSink {
  readonly name: string;
  private readonly adapter: ProactiveAdapter;
  private readonly appId: string;

  constructor(options: BotFrameworkHandoffSinkOptions) {
    this.name = options.name ?? 'botframework';
    this.adapter = options.adapter;
    this.appId = options.appId;
  }

  /** @throws DeliveryRejectedError on connector 4xx (but 408/429); HandoffDeliveryError otherwise */
  async deliver(record: HandoffRecord): Promise<void> {
    const reference = routeToConversationReference(record.route, this.appId);
    try {
      await runCapturingTurn(
        (logic) => this.adapter.continueConversationAsync(this.appId, reference, logic),
        async (context) => {
          const event = EventFactory.createHandoffInitiation(context, handoffEventContext(record), recordToTranscript(record, this.appId));
          await context.sendActivity(event);
        },
      );
    } catch (error) {
      throw connectorFailure(this.name, error);
    }
  }
}
