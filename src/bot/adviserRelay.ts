import { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { RelayService } from '../../dialogs/services';
import { escapeMarkdown } from '../content/render';
import type { HandoffOutbox } from '../handoff';
import type { Knowledge } from '../knowledge/knowledge';
import type { DocumentStore } from '../storage/documentStore';
import type { ProactiveAdapter } from './handoff';
import { readAcceptCase } from './handoff/acceptCaseAction';
import { routeToConversationReference } from './handoff/conversationReference';

/** One live chat between an adviser's Teams thread and a parent's conversation. */
interface RelayLink {
  handoffId: string;
  area: string;
  parent: Partial<ConversationReference>;
  adviser: Partial<ConversationReference>;
  since: string;
}

const MAX_RELAYED_TEXT = 4000;

const parentKey = (channelId: string, conversationId: string) => `relay/parent/${encodeURIComponent(channelId)}/${encodeURIComponent(conversationId)}`;
const adviserKey = (conversationId: string) => `relay/adviser/${encodeURIComponent(conversationId)}`;

export interface AdviserRelayOptions {
  adapter: ProactiveAdapter;
  appId: string;
  /** The advisers' Teams channel conversation id; threads under it are adviser conversations. */
  adviserChannelId?: string;
  outbox: HandoffOutbox;
  store: DocumentStore;
  knowledge: Knowledge;
  logger: Logger;
}

/**
 * Lets an adviser who accepts a hand-off card talk to the parent through the bot: the adviser's
 * replies in the card's thread reach the parent, the parent's messages reach the thread, until the
 * adviser types "end chat". Links live in the shared document store, so any instance can relay.
 */
export class AdviserRelay implements RelayService {
  constructor(private readonly options: AdviserRelayOptions) {}

  /** True when the activity comes from the advisers' Teams channel (a thread of it). */
  isAdviserActivity(activity: Activity): boolean {
    const channel = this.options.adviserChannelId;
    if (!channel || activity.channelId !== 'msteams') return false;
    const teamsChannel = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    return activity.conversation.id === channel || activity.conversation.id.startsWith(`${channel};`) || teamsChannel === channel;
  }

  /** Handles a message in the advisers' channel: accept a case, relay a reply, or end the chat. */
  async onAdviserMessage(context: TurnContext): Promise<void> {
    const k = this.options.knowledge;
    const accept = readAcceptCase(context.activity);
    if (accept) return this.accept(context, accept.handoffId);
    const link = (await this.options.store.read<RelayLink>(adviserKey(context.activity.conversation.id)))?.value;
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();
    if (!link) {
      await context.sendActivity(k.prompt('relay.not-relaying', undefined));
      return;
    }
    if (/^end( the)? chat$/i.test(text)) return this.end(context, link);
    if (!text) return;
    await this.toParent(link, k.prompt('relay.adviser-said', link.area, { text: escapeMarkdown(text.slice(0, MAX_RELAYED_TEXT)) }));
  }

  /** Parent side: whether an adviser is on this conversation now. */
  async isRelaying(context: TurnContext): Promise<boolean> {
    const a = context.activity;
    return Boolean(await this.options.store.read(parentKey(a.channelId, a.conversation.id)));
  }

  /** Parent side: passes the parent's message to the adviser's thread. */
  async forwardToAdviser(context: TurnContext, text: string): Promise<void> {
    const a = context.activity;
    const link = (await this.options.store.read<RelayLink>(parentKey(a.channelId, a.conversation.id)))?.value;
    if (!link) return;
    const message = this.options.knowledge.prompt('relay.parent-said', link.area, { text: escapeMarkdown(text.slice(0, MAX_RELAYED_TEXT)) });
    await this.options.adapter.continueConversationAsync(this.options.appId, link.adviser, async (ctx) => {
      await ctx.sendActivity(message);
    });
  }

  private async accept(context: TurnContext, handoffId: string): Promise<void> {
    const k = this.options.knowledge;
    const entry = (await this.options.outbox.read(handoffId))?.entry;
    if (!entry) {
      await context.sendActivity(k.prompt('relay.not-found', undefined));
      return;
    }
    const record = entry.record;
    const reference = record.id.slice(0, 8).toUpperCase();
    const link: RelayLink = {
      handoffId: record.id,
      area: record.area,
      parent: routeToConversationReference(record.route, this.options.appId),
      adviser: TurnContext.getConversationReference(context.activity),
      since: new Date().toISOString(),
    };
    // One adviser per case: the first accept wins, on any instance.
    const created = await this.options.store.create(parentKey(record.route.channelId, record.route.conversationId), link);
    if (!created) {
      const existing = (await this.options.store.read<RelayLink>(parentKey(record.route.channelId, record.route.conversationId)))?.value;
      if (existing?.adviser.conversation?.id !== context.activity.conversation.id) {
        await context.sendActivity(k.prompt('relay.already-taken', record.area, { reference }));
        return;
      }
    }
    await this.options.store.write(adviserKey(context.activity.conversation.id), link);
    this.options.logger.info({ event: 'handoff-accepted', handoffId: record.id }, 'adviser accepted a hand-off');
    await this.toParent(link, k.prompt('handoff.adviser-joined', record.area));
    await context.sendActivity(k.prompt('relay.accepted', record.area, { reference }));
  }

  private async end(context: TurnContext, link: RelayLink): Promise<void> {
    const k = this.options.knowledge;
    await this.options.store.delete(adviserKey(context.activity.conversation.id));
    await this.options.store.delete(parentKey(link.parent.channelId ?? '', link.parent.conversation?.id ?? ''));
    await this.toParent(link, k.prompt('handoff.adviser-left', link.area));
    await context.sendActivity(k.prompt('relay.ended', link.area));
    this.options.logger.info({ event: 'handoff-relay-ended', handoffId: link.handoffId }, 'adviser ended the chat');
  }

  private async toParent(link: RelayLink, text: string): Promise<void> {
    await this.options.adapter.continueConversationAsync(this.options.appId, link.parent, async (ctx) => {
      await ctx.sendActivity({ type: 'message', text, textFormat: 'markdown' });
    });
  }
}
