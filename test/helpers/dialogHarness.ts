import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import pino from 'pino';
import { ConversationRouter } from '../../dialogs/conversationRouter';
import type { DataEraser, HandoffDraft, HandoffSubmitter } from '../../dialogs/services';
import type { ConversationData, ParentProfile } from '../../dialogs/state';
import { GuidanceBot } from '../../src/bot/guidanceBot';
import { ContentStore } from '../../src/content/contentStore';
import type { PromptKey } from '../../src/content/promptKeys';
import { Knowledge } from '../../src/knowledge/knowledge';
import { createClassifier } from '../../src/matching/createClassifier';

const silent = pino({ level: 'silent' });
let sharedStore: ContentStore | undefined;

/** The real content, loaded once per test file (no readability grading: content:check covers it). */
export function realContent(): ContentStore {
  sharedStore ??= ContentStore.load('content', silent);
  return sharedStore;
}

export class RecordingHandoff implements HandoffSubmitter {
  readonly drafts: HandoffDraft[] = [];
  fail = false;
  async submit(_context: TurnContext, draft: HandoffDraft): Promise<{ id: string; reference: string }> {
    if (this.fail) throw new Error('outbox unavailable');
    this.drafts.push(draft);
    return { id: `id-${this.drafts.length}`, reference: `REF${this.drafts.length}` };
  }
  readonly cancelled: string[] = [];
  delivered = false;
  async cancel(id: string): Promise<{ found: boolean; alreadyDelivered: boolean }> {
    this.cancelled.push(id);
    return { found: true, alreadyDelivered: this.delivered };
  }
}

export class RecordingEraser implements DataEraser {
  calls = 0;
  constructor(private readonly clear: (c: TurnContext) => Promise<void>) {}
  async erase(context: TurnContext): Promise<void> {
    this.calls += 1;
    await this.clear(context);
  }
}

export interface Harness {
  adapter: TestAdapter;
  knowledge: Knowledge;
  handoff: RecordingHandoff;
  eraser: RecordingEraser;
  storage: MemoryStorage;
  /** A prompt as the bot renders it for an area (default Lincolnshire). */
  say(key: PromptKey, vars?: Record<string, string>, area?: string): string;
  /** Sends text and returns every reply activity text of that turn. */
  send(text: string, extra?: Record<string, unknown>): Promise<Reply[]>;
}

export interface Reply {
  text: string;
  buttons: string[];
  values: unknown[];
  attachments: Array<{ contentType: string; name?: string; contentUrl?: string }>;
}

/** The real bot (router, dialogs, content, matcher) on botbuilder's TestAdapter with memory storage. */
export function createHarness(options: { channelId?: string; now?: () => Date; storage?: MemoryStorage } = {}): Harness {
  const knowledge = new Knowledge(realContent(), { defaultArea: 'lincolnshire', glossaryUrl: '/glossary', createClassifier });
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const handoff = new RecordingHandoff();
  const eraser = new RecordingEraser(async (c) => {
    await conversationState.clear(c);
    await userState.clear(c);
  });
  const router = new ConversationRouter(
    {
      knowledge,
      handoff,
      eraser,
      logger: silent,
      now: options.now,
      accessors: { profile: userState.createProperty<ParentProfile>('profile'), conversation: conversationState.createProperty<ConversationData>('conversation') },
    },
    conversationState.createProperty<DialogState>('dialogState'),
  );
  const bot = new GuidanceBot(router, conversationState, userState, silent);
  const adapter = new TestAdapter(async (context) => bot.run(context), { channelId: options.channelId ?? 'directline', conversation: { id: 'test-conv', isGroup: false, conversationType: 'personal', name: 'x' } });
  adapter.locale = 'en-GB';
  const toReply = (a: Partial<import('botbuilder').Activity>): Reply => ({
    text: a.text ?? '',
    buttons: [
      ...(a.suggestedActions?.actions ?? []).map((x) => x.title),
      ...((a.attachments ?? []).flatMap((att) => ((att.content as { buttons?: Array<{ title: string }> } | undefined)?.buttons ?? []).map((b) => b.title))),
    ],
    values: [...(a.suggestedActions?.actions ?? []).map((x) => x.value), ...((a.attachments ?? []).flatMap((att) => ((att.content as { buttons?: Array<{ value: unknown }> } | undefined)?.buttons ?? []).map((b) => b.value)))],
    attachments: (a.attachments ?? []).map((att) => ({ contentType: att.contentType, name: att.name, contentUrl: att.contentUrl })),
  });
  return {
    adapter,
    knowledge,
    handoff,
    eraser,
    storage,
    say: (key, vars = {}, area = 'lincolnshire') => knowledge.prompt(key, area, vars),
    async send(text: string, extra: Record<string, unknown> = {}): Promise<Reply[]> {
      adapter.activeQueue.splice(0);
      await adapter.receiveActivity({ type: ActivityTypes.Message, text, ...extra });
      return adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message).map(toReply);
    },
  };
}

/** Presses a button shown in the last replies by its title (sends its value, as Web Chat does). */
export async function press(h: Harness, replies: Reply[], title: string): Promise<Reply[]> {
  for (const r of replies) {
    const i = r.buttons.indexOf(title);
    if (i >= 0) {
      const value = r.values[i];
      return typeof value === 'string' || value === undefined ? h.send(title) : h.send(title, { value });
    }
  }
  throw new Error(`no button "${title}" in: ${replies.map((r) => r.buttons.join(' | ')).join(' / ')}`);
}

export const allText = (replies: Reply[]) => replies.map((r) => r.text).join('\n---\n');
