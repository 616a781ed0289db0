import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { App, buildApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';

export interface RunningApp {
  app: App;
  port: number;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Builds the real app with a fresh data folder and starts it on a free loopback port. */
export async function startApp(env: Record<string, string> = {}, options: { dataDir?: string; keepData?: boolean } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'send-bot-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, CONTENT_WATCH: 'false', LOG_LEVEL: 'silent', ...env });
  const app = await buildApp(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  const port = await app.listen(0, '127.0.0.1');
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    async stop() {
      await app.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A message activity as a channel would send it; `expectReplies` returns the replies in the response. */
export function messageActivity(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: 'conv-1' },
    from: { id: 'parent-1', role: 'user' },
    recipient: { id: 'bot-1', role: 'bot' },
    deliveryMode: 'expectReplies',
    locale: 'en-GB',
    text,
    ...overrides,
  };
}

export interface ReplyActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: Array<{ title: string; value?: unknown; type: string }> };
  attachments?: Array<{ contentType: string; content?: unknown; contentUrl?: string; name?: string }>;
}

/** POSTs an activity to /api/messages and returns the status and the replies. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; replies: ReplyActivity[]; body: unknown; headers: Headers }> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  const replies = (parsed as { activities?: ReplyActivity[] } | undefined)?.activities ?? [];
  return { status: response.status, replies, body: parsed, headers: response.headers };
}
