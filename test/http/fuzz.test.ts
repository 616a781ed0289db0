import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { post, RunningApp, startApp } from '../helpers/startApp';

// A real garbage collection between measurements, so heap growth means retained memory.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

/** Deterministic pseudo-random numbers, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_TEXT = [
  '',
  ' ',
  '\u0000\u0001\u0002',
  '👩‍👧‍👦😢💔',
  'ｗｈａｔ ｉｓ ａ ＳＥＮＣＯ',
  '<script>alert(1)</script>',
  '[click me](javascript:alert(1))',
  '\u202Eevil\u202C',
  'é'.repeat(3000),
  'ehcp?'.repeat(500),
  '𝕎𝕙𝕒𝕥 𝕚𝕤 𝕊𝔼ℕ 𝕤𝕦𝕡𝕡𝕠𝕣𝕥',
  'SELECT * FROM users; --',
  '{{service}} {serviceContact} %s %d',
  'who is the senco',
  'help',
  '\n\n\n',
];

function oddActivity(rand: () => number, i: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const base: Record<string, unknown> = {
    type: pick(['message', 'message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'messageReaction', 'endOfConversation', 'installationUpdate', 'bogus', '']),
    channelId: pick(['emulator', 'directline', 'msteams', 'webchat', 'x'.repeat(200)]),
    serviceUrl: 'http://127.0.0.1:1/',
    conversation: { id: `fuzz-${i % 37}` },
    from: { id: `user-${i % 11}` },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
    text: pick(ODD_TEXT),
  };
  const mutation = Math.floor(rand() * 12);
  switch (mutation) {
    case 0: delete base.conversation; break;
    case 1: delete base.from; break;
    case 2: base.text = 12345; break;
    case 3: base.attachments = [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1:1/x.png' }]; delete base.text; break;
    case 4: base.channelData = { tenant: { id: 't' }, nested: { deep: [1, 2, { x: null }] }, unknown: true }; break;
    case 5: base.membersAdded = [{ id: `user-${i}` }, { id: 'bot' }]; base.type = 'conversationUpdate'; break;
    case 6: base.value = { action: pick(['topic', 'more', 'rights', 'feedback', 'nonsense']), id: pick(['role-of-senco', '../../etc/passwd', 42, 'no-such-topic']) }; break;
    case 7: base.serviceUrl = pick(['not a url', 'ftp://127.0.0.1/', 'https://example.com/']); break;
    case 8: base.entities = [{ type: 'mention', mentioned: { id: 'bot' }, text: '<at>bot</at>' }]; break;
    case 9: return pick([null, [], 'string', 42, true]);
    case 10: base.locale = pick(['cy-GB', 'xx', '']); break;
    default: break;
  }
  return base;
}

describe('fuzz: thousands of bad and odd activities', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => running.stop());

  it('answers each with a 2xx or a 4xx, never a crash, and every message gets a reply', async () => {
    const rand = prng(20261123);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    // Warm up, then measure memory across the run to catch a leak.
    for (let i = 0; i < 300; i++) await post(running.url, oddActivity(rand, i));
    await running.app.stores.transcripts.flush();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const total = 2500;
    for (let i = 0; i < total; i++) {
      const activity = oddActivity(rand, i);
      const { status, replies } = await post(running.url, activity);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`${status} for ${JSON.stringify(activity).slice(0, 200)}`);
      const a = activity as { type?: unknown; text?: unknown; attachments?: unknown } | null;
      if (status === 200 && a && a.type === 'message' && !replies.some((r) => (typeof r.text === 'string' && r.text.length > 0) || (r.attachments ?? []).length > 0)) {
        failures.push(`no reply to ${JSON.stringify(activity).slice(0, 300)} got ${JSON.stringify(replies).slice(0, 300)}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect([...statuses.keys()].every((s) => [200, 400, 403, 413, 415].includes(s))).toBe(true);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(total / 4);
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    await running.app.stores.transcripts.flush();
    gc();
    const growth = process.memoryUsage().heapUsed - heapBefore;
    // 2,500 turns retaining even 8 KB each would be 20 MB: a leak shows well above this.
    expect(growth).toBeLessThan(20 * 1024 * 1024);
  }, 240_000);
});
