import restify, { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import type { Activity, TurnContext } from 'botbuilder';
import type { Config } from '../config/config';
import { GuidanceAdapter, TurnRejectedError } from '../bot/adapter';
import { activityProblem } from './activitySchema';
import { isLoopbackUrl } from './loopback';
import { RateLimiter } from './rateLimiter';
import { packageVersion } from '../util/version';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  [key: string]: unknown;
}

export interface ServerDeps {
  config: Config;
  logger: Logger;
  adapter: GuidanceAdapter;
  /** Runs one turn of the bot. */
  runTurn: (context: TurnContext) => Promise<void>;
  health: () => Promise<HealthReport>;
  /** Pages and extra routes that exist only in local mode (web chat page, Direct Line). */
  mountLocal?: (server: Server) => void;
  /** Routes that exist in every mode (glossary page). */
  mountPublic?: (server: Server) => void;
  /** Called around each turn so shutdown can wait for turns in flight. */
  trackTurn?: <T>(work: Promise<T>) => Promise<T>;
}

const sendJson = (res: Response, status: number, body: unknown, headers: Record<string, string> = {}) => {
  for (const [k, v] of Object.entries(headers)) res.header(k, v);
  res.status(status);
  res.json(body);
};

/**
 * Builds the HTTP server without listening, so tests can start it on a free port.
 * Only the routes in shared/spec/interfaces.md plus local-mode conveniences.
 */
export function createServer(deps: ServerDeps): Server {
  const { config, logger, adapter } = deps;
  const server = restify.createServer({ name: 'send-guide-bot', handleUncaughtExceptions: false });
  const version = packageVersion();
  const perClient = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const perConversation = new RateLimiter(Math.max(10, Math.floor(config.RATE_LIMIT_PER_MINUTE / 2)));

  server.use(restify.plugins.queryParser({ mapParams: false }));
  // JSON only, size-limited; bodyParser() would also accept multipart uploads into /tmp.
  // maxBodySize is passed through to restify's bodyReader; its type definitions omit it.
  server.use(restify.plugins.jsonBodyParser({ maxBodySize: config.MAX_BODY_BYTES, mapParams: false } as restify.plugins.JsonBodyParserOptions));

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    // restify's own errors (bad JSON, body too large): answer with a short reason, never a stack.
    const status = err.statusCode ?? 500;
    const reason =
      status === 413 ? `request body is larger than ${config.MAX_BODY_BYTES} bytes` : status === 400 ? 'request body is not valid JSON' : status === 404 ? 'not found' : status === 405 ? 'method not allowed' : 'request failed';
    if (status >= 500) logger.error({ err: { name: err.name, message: err.message }, url: req.url }, 'http error');
    err.toJSON = () => ({ error: reason });
    callback();
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    // Locally a client is a socket address; behind Azure Bot Service every parent arrives from the
    // connector's few addresses, so there the channel's user id is the client.
    const body = req.body as { from?: { id?: unknown }; channelId?: unknown } | undefined;
    const client = config.localMode ? (req.socket.remoteAddress ?? 'unknown') : `${String(body?.channelId)}:${String(body?.from?.id)}`;
    const retry = perClient.take(client);
    if (retry) return sendJson(res, 429, { error: 'too many requests; please slow down' }, { 'Retry-After': String(retry) });
    if (!req.is('json')) return sendJson(res, 415, { error: 'Content-Type must be application/json' });
    const problem = activityProblem(req.body);
    if (problem) return sendJson(res, 400, { error: `invalid activity: ${problem}` });
    const activity = req.body as Activity;
    const convRetry = perConversation.take(activity.conversation.id);
    if (convRetry) return sendJson(res, 429, { error: 'too many messages in this conversation; please slow down' }, { 'Retry-After': String(convRetry) });
    if (config.localMode && !isLoopbackUrl(activity.serviceUrl)) {
      // Without credentials the adapter would post replies to any serviceUrl: an open relay.
      return sendJson(res, 403, { error: 'local mode only replies to a loopback serviceUrl; set MicrosoftAppId to accept channel traffic' });
    }
    const authHeader = String(req.headers.authorization ?? '');
    if (!config.localMode && !authHeader) return sendJson(res, 401, { error: 'missing Bot Framework token' });
    try {
      const work = adapter.handle(authHeader, activity, deps.runTurn);
      const result = await (deps.trackTurn ? deps.trackTurn(work) : work);
      if (result?.body !== undefined) return sendJson(res, result.status ?? 200, result.body);
      res.status(result?.status ?? 200);
      res.end();
    } catch (err) {
      if (err instanceof TurnRejectedError) {
        return sendJson(res, err.status, { error: err.status === 401 ? 'unauthorized' : 'the bot could not process this activity', reference: err.reference });
      }
      logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'unexpected error in /api/messages');
      return sendJson(res, 500, { error: 'internal error' });
    }
  });

  server.get('/health', async (_req: Request, res: Response) => {
    let report: HealthReport;
    try {
      report = await deps.health();
    } catch (err) {
      report = { status: 'down', error: (err as Error).message };
    }
    sendJson(res, report.status === 'down' ? 503 : 200, { version, ...report });
  });

  deps.mountPublic?.(server);
  if (config.localMode) deps.mountLocal?.(server);
  return server;
}
