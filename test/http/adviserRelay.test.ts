import nock from 'nock';
import { messageActivity, post, RunningApp, startApp } from '../helpers/startApp';

const TEAMS = 'https://smba.example.test';
const PARENT_URL = 'http://127.0.0.1:59990';
const ADVISER_URL = 'http://127.0.0.1:59991';
const THREAD = '19:advisers@thread.tacv2;messageid=555';

/** Bodies of the proactive messages a fake connector received, by conversation. */
function captureConnector(base: string, sink: Array<{ conversation: string; text: string }>): nock.Scope {
  return nock(base)
    .persist()
    .post(/\/v3\/conversations\/[^/]+\/activities/)
    .reply(200, function (uri, body) {
      const conversation = decodeURIComponent(uri.split('/v3/conversations/')[1].split('/')[0]);
      sink.push({ conversation, text: String((body as { text?: string }).text ?? '') });
      return { id: `sent-${sink.length}` };
    });
}

describe('an adviser accepts a hand-off in Teams and talks to the parent through the bot', () => {
  let running: RunningApp;
  const toParent: Array<{ conversation: string; text: string }> = [];
  const toAdviser: Array<{ conversation: string; text: string }> = [];

  beforeAll(async () => {
    running = await startApp({ ADVISER_TEAMS_CONVERSATION_ID: '19:advisers@thread.tacv2', ADVISER_TEAMS_SERVICE_URL: `${TEAMS}/emea/`, ADVISER_TEAMS_TENANT_ID: 'tenant-1' });
  });
  afterAll(async () => running.stop());

  beforeEach(() => {
    // The hand-off card goes to the advisers' channel; each hand-off starts a thread.
    nock(TEAMS).persist().post(/\/v3\/conversations/).reply(200, { id: THREAD, activityId: '555' });
    captureConnector(PARENT_URL, toParent);
    captureConnector(ADVISER_URL, toAdviser);
  });

  it('relays both ways until the adviser ends the chat', async () => {
    const k = running.app.knowledge;
    const conversation = { id: 'parent-conv' };
    const parent = (text: string) => post(running.url, messageActivity(text, { conversation, serviceUrl: PARENT_URL, channelId: 'emulator' }));
    const adviser = (text: string, value?: unknown) =>
      post(running.url, {
        type: 'message',
        channelId: 'msteams',
        serviceUrl: ADVISER_URL,
        conversation: { id: THREAD, conversationType: 'channel', tenantId: 'tenant-1' },
        channelData: { channel: { id: '19:advisers@thread.tacv2' }, tenant: { id: 'tenant-1' } },
        from: { id: 'adviser-1', name: 'Sam' },
        recipient: { id: 'bot-1', name: 'SEND guide' },
        text: `<at>SEND guide</at> ${text}`,
        entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'SEND guide' }, text: '<at>SEND guide</at>' }],
        deliveryMode: 'expectReplies',
        ...(value ? { value } : {}),
      });

    // The parent asks for a person and sends the request.
    await parent('talk to a person');
    await parent(k.prompt('handoff.consent-yes', 'lincolnshire'));
    for (let i = 0; i < 7; i++) await parent(k.prompt('common.skip', 'lincolnshire'));
    const sent = await parent(k.prompt('handoff.confirm-send', 'lincolnshire'));
    expect(sent.replies.map((r) => r.text).join(' ')).toMatch(/reference is [0-9A-F]{8}/);
    const [id] = await running.app.delivery.outbox.listIds();
    expect(id).toBeDefined();

    // The adviser presses "Accept case" on the card.
    const accepted = await adviser('', { action: 'handoff.accept', id });
    expect(accepted.replies.map((r) => r.text).join(' ')).toContain(k.prompt('relay.accepted', 'lincolnshire', { reference: id.slice(0, 8).toUpperCase() }));
    expect(toParent.map((m) => m.text)).toContain(k.prompt('handoff.adviser-joined', 'lincolnshire'));

    // Adviser -> parent.
    await adviser('Hello, I am Sam from Liaise. How can I help?');
    expect(toParent[toParent.length - 1].text).toBe('**Adviser:** Hello, I am Sam from Liaise. How can I help?');

    // Parent -> adviser: the bot does not answer it itself.
    const relayed = await parent('who is the senco at our school');
    expect(relayed.replies).toHaveLength(0);
    expect(toAdviser[toAdviser.length - 1]).toEqual({ conversation: THREAD, text: '**Parent:** who is the senco at our school' });

    // The adviser ends it; the bot takes over again.
    await adviser('end chat');
    expect(toParent[toParent.length - 1].text).toBe(k.prompt('handoff.adviser-left', 'lincolnshire'));
    const back = await parent('who is the senco');
    expect(back.replies[0].text).toMatch(/SENCO/);
  });

  it('tells an adviser there is no open chat when none was accepted in the thread', async () => {
    const r = await post(running.url, {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: ADVISER_URL,
      conversation: { id: '19:advisers@thread.tacv2;messageid=999' },
      from: { id: 'adviser-2' },
      recipient: { id: 'bot-1' },
      text: 'hello?',
      deliveryMode: 'expectReplies',
    });
    expect(r.replies[0].text).toBe(running.app.knowledge.prompt('relay.not-relaying', undefined));
  });
});
