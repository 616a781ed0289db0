import { AddressInfo } from 'node:net';
import { TranscriptLoggerMiddleware, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { Server } from 'restify';
import { ConversationRouter } from '../dialogs/conversationRouter';
import type { ConversationData, ParentProfile } from '../dialogs/state';
import { createAuthentication, GuidanceAdapter } from './bot/adapter';
import { EraseAfterTurnMiddleware } from './bot/eraseAfterTurn';
import { GuidanceBot } from './bot/guidanceBot';
import { AdviserRelay } from './bot/adviserRelay';
import { OutboxHandoffSubmitter, StateDataEraser } from './bot/handoffSubmitter';
import { createSinks } from './bot/createSinks';
import { CheapConversationState, CheapUserState } from './bot/storage/cheapChangeState';
import { createStores, Stores } from './bot/storage/createStores';
import { OptimisticStateStorage } from './bot/storage/optimisticStateStorage';
import { deleteUserData, scheduleRetention } from './bot/storage/retention';
import { mountDirectLine } from './channels/mountDirectLine';
import { defaultRiskModel } from './safety/riskModel';
import { mountGlossaryPage } from './channels/glossaryPage';
import { mountWebChatPage } from './channels/webChatPage';
import type { Config } from './config/config';
import { ContentStore } from './content/contentStore';
import { loadReadabilityGrader } from './content/validate';
import { createHandoffDelivery, HandoffDelivery } from './handoff';
import { completedHandoffPurger } from './handoff/outboxRetention';
import { createClassifier } from './matching/createClassifier';
import { createServer, HealthReport } from './http/server';
import { Knowledge } from './knowledge/knowledge';
import { newReference } from './util/reference';

/** Everything the running bot is made of; tests reach in through it. */
export interface App {
  server: Server;
  adapter: GuidanceAdapter;
  knowledge: Knowledge;
  content: ContentStore;
  stores: Stores;
  delivery: HandoffDelivery;
  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Graceful shutdown: stop taking requests, finish turns in flight, flush deliveries. */
  close(): Promise<void>;
}

/**
 * The one place that builds the bot: config -> storage -> content -> knowledge -> dialogs -> bot ->
 * adapter -> HTTP server. Nothing here listens until `listen()`, so tests can use a free port.
 */
export async function buildApp(config: Config, logger: Logger): Promise<App> {
  const stores = createStores({
    kind: config.STORAGE,
    dataDir: config.DATA_DIR,
    connectionString: config.AZURE_STORAGE_CONNECTION_STRING,
    container: config.AZURE_STORAGE_CONTAINER,
  });

  const content = ContentStore.load(config.CONTENT_DIR, logger.child({ part: 'content' }), await loadReadabilityGrader());
  if (config.CONTENT_WATCH === 'true' || (config.CONTENT_WATCH === undefined && config.localMode && config.NODE_ENV === 'development')) content.watch();

  let port = 0;
  // Train the safeguarding model now rather than on a parent's first message.
  defaultRiskModel();
  const knowledge = new Knowledge(content, {
    defaultArea: config.DEFAULT_AREA,
    glossaryUrl: config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/$/, '')}/glossary` : '/glossary',
    createClassifier,
  });

  const adapter = new GuidanceAdapter(createAuthentication(config), logger.child({ part: 'adapter' }));
  const deleteStored = async (ids: { channelId: string; conversationId: string; userId: string }) => {
    await deleteUserData(stores, ids);
  };
  adapter.use(new EraseAfterTurnMiddleware(() => stores.transcripts.flush(), deleteStored, logger.child({ part: 'privacy' })));
  adapter.use(new TranscriptLoggerMiddleware(stores.transcripts));

  const stateStorage = new OptimisticStateStorage(stores.state);
  const conversationState = new CheapConversationState(stateStorage);
  const userState = new CheapUserState(stateStorage);
  const accessors = {
    profile: userState.createProperty<ParentProfile>('profile'),
    conversation: conversationState.createProperty<ConversationData>('conversation'),
  };
  const dialogState = conversationState.createProperty<DialogState>('dialogState');

  const sinks = createSinks(config, adapter);
  const delivery = createHandoffDelivery({ store: stores.documents, sinks, logger: logger.child({ part: 'handoff' }) });

  const relay = new AdviserRelay({
    adapter,
    appId: config.MicrosoftAppId ?? '',
    adviserChannelId: config.ADVISER_TEAMS_CONVERSATION_ID,
    outbox: delivery.outbox,
    store: stores.documents,
    knowledge,
    logger: logger.child({ part: 'relay' }),
  });
  const router = new ConversationRouter(
    {
      knowledge,
      relay,
      accessors,
      logger: logger.child({ part: 'dialogs' }),
      handoff: new OutboxHandoffSubmitter(delivery.outbox, stores.transcripts, logger.child({ part: 'handoff' })),
      eraser: new StateDataEraser(
        async (context: TurnContext) => {
          await conversationState.clear(context);
          await userState.clear(context);
        },
        deleteStored,
      ),
    },
    dialogState,
  );
  const bot = new GuidanceBot(router, conversationState, userState, logger.child({ part: 'bot' }), relay, async (context, state) => {
    const profile = await accessors.profile.get(context, {});
    const area = profile.area ?? config.DEFAULT_AREA;
    const key = state === 'accepted' ? 'handoff.adviser-joined' : state === 'completed' ? 'handoff.adviser-left' : 'handoff.status-failed';
    await context.sendActivity(knowledge.prompt(key, area));
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const code = newReference();
    const conflict = /eTag conflict|EtagMismatch|StateEtagConflict|ConditionNotMet|412/i.test(`${error.name} ${error.message}`);
    const storageDown = !conflict && error.name === 'StoreUnavailableError' || /storage|ECONNREFUSED|ENOTFOUND|blob|EACCES|ENOSPC|EROFS/i.test(`${error.name} ${error.message}`);
    logger.error({ reference: code, err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    try {
      // Clear the dialog stack so the parent is not stuck at a broken prompt. After a conflict the
      // other instance's newer state stands: nothing is written over it.
      if (!conflict) {
        await dialogState.delete(context);
        await conversationState.saveChanges(context, true).catch(() => undefined);
      }
    } catch {
      /* state may be the thing that failed */
    }
    const area = config.DEFAULT_AREA;
    const key = conflict ? 'error.busy' : storageDown ? 'error.storage' : 'error.generic';
    await context.sendActivity(knowledge.prompt(key, area, { code })).catch(() => undefined);
  };

  const inFlight = new Set<Promise<unknown>>();
  const trackTurn = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    return work.finally(() => inFlight.delete(work));
  };

  const health = async (): Promise<HealthReport> => {
    let storage = 'ok';
    try {
      await stores.ping();
    } catch {
      storage = 'down';
    }
    const sinksHealth = delivery.worker.health();
    return { status: storage === 'down' ? 'down' : sinksHealth.status, contentRevision: content.content.revision, storage, handoff: sinksHealth };
  };

  const server = createServer({
    config,
    logger: logger.child({ part: 'http' }),
    adapter,
    runTurn: (context) => bot.run(context),
    health,
    trackTurn,
    mountPublic: (s) => mountGlossaryPage(s, () => knowledge.content.glossary),
    mountLocal: (s) => {
      mountWebChatPage(s);
      mountDirectLine(s, logger.child({ part: 'directline' }), () => port);
    },
  });

  const retentionLog = logger.child({ part: 'retention' });
  const stopRetention = scheduleRetention({ ...stores, handoffs: completedHandoffPurger(delivery.outbox, stores.documents) }, {
    intervalMs: 6 * 60 * 60 * 1000,
    days: config.RETENTION_DAYS,
    onPurged: (report) => retentionLog.info({ transcripts: report.transcripts, handoffs: report.handoffs }, 'retention clean-up done'),
    onError: (err) => retentionLog.warn({ err: { message: (err as Error).message } }, 'retention clean-up failed'),
  });

  return {
    server,
    adapter,
    knowledge,
    content,
    stores,
    delivery,
    async listen(wanted: number, host?: string): Promise<number> {
      const bindHost = host ?? config.HOST ?? (config.localMode ? '127.0.0.1' : '0.0.0.0');
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(wanted, bindHost, () => resolve());
      });
      port = (server.address() as AddressInfo).port;
      await delivery.worker.start();
      return port;
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      // TranscriptLoggerMiddleware does not await its writes; wait for them before the stores go.
      await stores.transcripts.flush().catch(() => undefined);
      await delivery.worker.stop();
      stopRetention();
      content.close();
      stores.close();
    },
  };
}
