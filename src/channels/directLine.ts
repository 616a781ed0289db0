import { randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';

/**
 * The smallest Direct Line 3.0 that Web Chat needs, for local mode only: start a conversation, post
 * an activity, poll activities with a watermark. It plays both sides of a real channel: it forwards
 * the parent's activities to the bot's /api/messages over HTTP, and receives the bot's replies on
 * Bot Connector routes under /directline, so the bot runs exactly as it would behind Azure.
 *
 * offline-directline was evaluated and not used: it is unmaintained since 2019, serves one
 * conversation, and its conversationUpdate has no membersAdded, so welcome messages never fire.
 */

interface StoredActivity {
  id: string;
  type: string;
  [key: string]: unknown;
}

interface DlConversation {
  id: string;
  token: string;
  userId: string;
  activities: StoredActivity[];
  lastSeen: number;
  started: boolean;
}

export interface DirectLineOptions {
  logger: Logger;
  /** Where the bot listens, e.g. http://127.0.0.1:3978/api/messages; resolved after listen(). */
  botEndpoint: () => string;
  /** The base URL the bot should reply to (this module's connector routes). */
  serviceUrl: () => string;
  botId?: string;
  maxConversations?: number;
  maxActivitiesPerConversation?: number;
  tokenTtlSeconds?: number;
}

const BOT = { id: 'send-guide-bot', name: 'SEND guide' };

export class LocalDirectLine {
  private readonly conversations = new Map<string, DlConversation>();
  private readonly byToken = new Map<string, string>();
  private readonly pendingTokens = new Map<string, { userId: string; created: number }>();
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly ttl: number;

  constructor(private readonly options: DirectLineOptions) {
    this.maxConversations = options.maxConversations ?? 500;
    this.maxActivities = options.maxActivitiesPerConversation ?? 1000;
    this.ttl = options.tokenTtlSeconds ?? 3600;
  }

  /** Adds the Direct Line client routes (/v3/directline/...) and the connector routes (/directline/v3/...). */
  mount(server: Server): void {
    server.post('/v3/directline/tokens/generate', async (req: Request, res: Response) => this.generateToken(req, res));
    server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => this.refreshToken(req, res));
    server.post('/v3/directline/conversations', async (req: Request, res: Response) => this.startConversation(req, res));
    server.get('/v3/directline/conversations/:conversationId', async (req: Request, res: Response) => this.getConversation(req, res));
    server.get('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => this.getActivities(req, res));
    server.post('/v3/directline/conversations/:conversationId/activities', async (req: Request, res: Response) => this.postActivity(req, res));
    server.post('/v3/directline/conversations/:conversationId/upload', async (_req: Request, res: Response) => {
      res.status(415);
      res.json({ error: { code: 'BadArgument', message: 'file uploads are not supported here' } });
    });
    // Bot Connector side: the bot's replies arrive here.
    server.post('/directline/v3/conversations/:conversationId/activities', async (req: Request, res: Response) => this.receiveFromBot(req, res));
    server.post('/directline/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => this.receiveFromBot(req, res));
    server.put('/directline/v3/conversations/:conversationId/activities/:activityId', async (req: Request, res: Response) => this.receiveFromBot(req, res));
  }

  private fail(res: Response, status: number, code: string, message: string): void {
    res.status(status);
    res.json({ error: { code, message } });
  }

  private generateToken(req: Request, res: Response): void {
    const body = (req.body ?? {}) as { user?: { id?: unknown } };
    const requested = typeof body.user?.id === 'string' ? body.user.id : '';
    const userId = /^dl_[A-Za-z0-9-]{8,64}$/.test(requested) ? requested : `dl_${randomUUID()}`;
    const token = randomBytes(24).toString('base64url');
    this.pendingTokens.set(token, { userId, created: Date.now() });
    this.prune();
    res.json({ token, expires_in: this.ttl, userId });
  }

  private refreshToken(req: Request, res: Response): void {
    const token = this.tokenOf(req);
    if (!token || (!this.pendingTokens.has(token) && !this.byToken.has(token))) return this.fail(res, 403, 'TokenExpired', 'unknown token');
    res.json({ token, expires_in: this.ttl, conversationId: this.byToken.get(token) });
  }

  private tokenOf(req: Request): string | undefined {
    const header = String(req.headers.authorization ?? '');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m?.[1];
  }

  private conversationFor(req: Request, res: Response): DlConversation | undefined {
    const token = this.tokenOf(req);
    const id = String(req.params.conversationId ?? '');
    const conv = this.conversations.get(id);
    if (!token || !conv || conv.token !== token) {
      this.fail(res, 403, 'BadArgument', 'unknown conversation or token');
      return undefined;
    }
    conv.lastSeen = Date.now();
    return conv;
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const token = this.tokenOf(req);
    const pending = token ? this.pendingTokens.get(token) : undefined;
    const existing = token ? this.byToken.get(token) : undefined;
    if (existing) {
      res.status(200);
      res.json({ conversationId: existing, token, expires_in: this.ttl });
      return;
    }
    if (!token || !pending) return this.fail(res, 403, 'BadArgument', 'a token from /v3/directline/tokens/generate is required');
    this.pendingTokens.delete(token);
    const conv: DlConversation = { id: randomUUID(), token, userId: pending.userId, activities: [], lastSeen: Date.now(), started: false };
    this.conversations.set(conv.id, conv);
    this.byToken.set(token, conv.id);
    this.prune();
    res.status(201);
    res.json({ conversationId: conv.id, token, expires_in: this.ttl });
    // Tell the bot who joined, as channels do, so it can send its welcome.
    void this.forwardToBot(conv, { type: 'conversationUpdate', membersAdded: [{ id: conv.userId }, BOT] });
  }

  private getConversation(req: Request, res: Response): void {
    const conv = this.conversationFor(req, res);
    if (conv) res.json({ conversationId: conv.id, token: conv.token, expires_in: this.ttl });
  }

  private getActivities(req: Request, res: Response): void {
    const conv = this.conversationFor(req, res);
    if (!conv) return;
    const query = (req.query ?? {}) as Record<string, string>;
    const watermark = Number.parseInt(query.watermark ?? '0', 10);
    const from = Number.isFinite(watermark) && watermark > 0 ? watermark : 0;
    res.json({ activities: conv.activities.slice(from), watermark: String(conv.activities.length) });
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const conv = this.conversationFor(req, res);
    if (!conv) return;
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') return this.fail(res, 400, 'BadArgument', 'an activity with a type is required');
    const activity: Record<string, unknown> = {
      ...body,
      from: { id: conv.userId, name: typeof (body.from as { name?: unknown })?.name === 'string' ? (body.from as { name: string }).name : undefined, role: 'user' },
    };
    const id = this.append(conv, activity);
    res.json({ id });
    await this.forwardToBot(conv, { ...activity, id });
  }

  private append(conv: DlConversation, activity: Record<string, unknown>): string {
    const id = `${conv.id}|${String(conv.activities.length).padStart(7, '0')}`;
    const stored: StoredActivity = { ...activity, type: String(activity.type), id, timestamp: new Date().toISOString(), conversation: { id: conv.id }, channelId: 'directline' };
    conv.activities.push(stored);
    if (conv.activities.length > this.maxActivities) conv.activities.splice(0, conv.activities.length - this.maxActivities);
    return id;
  }

  private async forwardToBot(conv: DlConversation, activity: Record<string, unknown>): Promise<void> {
    const outbound = {
      ...activity,
      id: activity.id ?? randomUUID(),
      channelId: 'directline',
      serviceUrl: this.options.serviceUrl(),
      conversation: { id: conv.id },
      recipient: BOT,
      from: activity.from ?? { id: conv.userId, role: 'user' },
      timestamp: new Date().toISOString(),
      locale: typeof activity.locale === 'string' ? activity.locale : 'en-GB',
    };
    try {
      const response = await fetch(this.options.botEndpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(outbound) });
      if (!response.ok) this.options.logger.warn({ status: response.status }, 'local Direct Line: the bot rejected an activity');
      await response.arrayBuffer();
    } catch (err) {
      this.options.logger.warn({ err: { message: (err as Error).message } }, 'local Direct Line: could not reach the bot');
    }
  }

  private receiveFromBot(req: Request, res: Response): void {
    const conv = this.conversations.get(String(req.params.conversationId ?? ''));
    if (!conv) return this.fail(res, 404, 'NotFound', 'unknown conversation');
    const activity = (req.body ?? {}) as Record<string, unknown>;
    const id = this.append(conv, { ...activity, from: BOT });
    res.json({ id });
  }

  /** Forgets the oldest conversations and stale tokens so memory stays bounded. */
  private prune(): void {
    const tokenCutoff = Date.now() - this.ttl * 1000;
    for (const [t, p] of this.pendingTokens) if (p.created < tokenCutoff) this.pendingTokens.delete(t);
    if (this.conversations.size <= this.maxConversations) return;
    const oldest = [...this.conversations.values()].sort((a, b) => a.lastSeen - b.lastSeen);
    for (const c of oldest.slice(0, this.conversations.size - this.maxConversations)) {
      this.conversations.delete(c.id);
      this.byToken.delete(c.token);
    }
  }
}
