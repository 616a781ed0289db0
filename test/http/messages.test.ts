import nock from 'nock';
import { messageActivity, post, RunningApp, startApp } from '../helpers/startApp';

describe('POST /api/messages (local mode)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => running.stop());

  it('answers a message in the response body with deliveryMode expectReplies', async () => {
    const { status, replies } = await post(running.url, messageActivity('what does a SENCO do?', { conversation: { id: 'http-1' } }));
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies[0].text).toMatch(/SENCO/);
    expect(replies[0].text).toMatch(/Sources:/);
    expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toContain('Tell me more');
  });

  it('posts the reply to the connector named by serviceUrl in normal delivery', async () => {
    const serviceUrl = 'http://127.0.0.1:59999';
    let sent: { text?: string; replyToId?: string } | undefined;
    const scope = nock(serviceUrl)
      .post(/\/v3\/conversations\/http-2\/activities(\/.*)?$/, (body: { text?: string; replyToId?: string }) => {
        sent = body;
        return true;
      })
      .reply(200, { id: 'sent-1' });
    const { status } = await post(running.url, messageActivity('who is the senco', { conversation: { id: 'http-2' }, serviceUrl, deliveryMode: undefined }));
    expect(status).toBe(200);
    expect(scope.isDone()).toBe(true);
    expect(sent?.text).toMatch(/SENCO/);
  });

  it('answers messages sent at the same moment in one conversation, each in order, none told to resend', async () => {
    const conversation = { id: 'http-burst' };
    const texts = ['what does a SENCO do?', 'what is an EHC plan', 'how often should school meet me', 'who are liaise', 'thanks'];
    const results = await Promise.all(texts.map((text) => post(running.url, messageActivity(text, { conversation }))));
    for (const { status, replies } of results) {
      expect(status).toBe(200);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.map((r) => r.text ?? '').join(' ')).not.toMatch(/Reference:/);
    }
    expect(results[0]?.replies[0]?.text).toMatch(/SENCO/);
    expect(results[1]?.replies[0]?.text).toMatch(/EHC plan/);
  });

  it('refuses a serviceUrl that is not loopback in local mode (no open relay)', async () => {
    const { status, body } = await post(running.url, messageActivity('hello', { serviceUrl: 'https://evil.example.com/' }));
    expect(status).toBe(403);
    expect(JSON.stringify(body)).toMatch(/loopback/);
  });

  it.each([
    ['malformed JSON', '{"type": "message",', 400, /not valid JSON/],
    ['an activity missing its conversation', JSON.stringify({ type: 'message', channelId: 'x', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' } }), 400, /conversation/],
    ['a non-string type', JSON.stringify({ ...messageActivity('x'), type: 42 }), 400, /type/],
    ['text over the limit', JSON.stringify(messageActivity('a'.repeat(10_001))), 400, /text/],
  ])('answers %s with a 4xx and a reason', async (_name, body, status, reason) => {
    const r = await post(running.url, body);
    expect(r.status).toBe(status);
    expect(JSON.stringify(r.body)).toMatch(reason);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ ...messageActivity('hi'), channelData: { pad: 'x'.repeat(70_000) } });
    const r = await post(running.url, huge);
    expect(r.status).toBe(413);
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBe(415);
  });

  it('reports health with the content revision', async () => {
    const response = await fetch(`${running.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', storage: 'ok' });
    expect(body.contentRevision).toMatch(/^[0-9a-f]{12}$/);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('serves the web chat page and the Web Chat bundle from node_modules', async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/webchat.js');
    const bundle = await fetch(`${running.url}/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});

describe('POST /api/messages with Bot Framework credentials', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
  });
  afterAll(async () => running.stop());

  it('answers 401 without a token, with no stack trace', async () => {
    const r = await post(running.url, messageActivity('hello', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(r.status).toBe(401);
    expect(JSON.stringify(r.body)).not.toMatch(/Error:|at .*\.js/);
  });

  it('answers 401 for a forged token', async () => {
    const r = await post(running.url, messageActivity('hello', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(r.status).toBe(401);
  });

  it('does not serve the local web chat page', async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(404);
  });
});
