import { messageActivity, post, RunningApp, startApp } from '../helpers/startApp';

describe('"delete my data" over the real endpoint', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => running.stop());

  it('removes the conversation state, the parent profile and the transcript, this turn included', async () => {
    const conversation = { id: 'privacy-1' };
    const from = { id: 'parent-privacy' };
    const k = running.app.knowledge;
    await post(running.url, messageActivity('I live in Kent', { conversation, from }));
    await post(running.url, messageActivity('who is the senco', { conversation, from }));
    await running.app.stores.transcripts.flush();
    const before = await running.app.stores.transcripts.getTranscriptActivities('emulator', 'privacy-1');
    expect(before.items.length).toBeGreaterThan(0);

    const ask = await post(running.url, messageActivity('delete my data', { conversation, from }));
    expect(ask.replies.map((r) => r.text).join(' ')).toContain(k.prompt('privacy.ask-delete', 'kent'));
    const done = await post(running.url, messageActivity(k.prompt('common.yes', 'kent'), { conversation, from }));
    expect(done.replies.map((r) => r.text).join(' ')).toContain(k.prompt('privacy.deleted', 'lincolnshire'));

    await running.app.stores.transcripts.flush();
    const after = await running.app.stores.transcripts.getTranscriptActivities('emulator', 'privacy-1');
    expect(after.items).toHaveLength(0);
    const state = await running.app.stores.state.read(['emulator/conversations/privacy-1', 'emulator/users/parent-privacy']);
    expect(Object.keys(state)).toHaveLength(0);

    // The parent's area was forgotten with the rest: answers use the default area again.
    const again = await post(running.url, messageActivity('who are liaise', { conversation, from }));
    expect(again.replies.map((r) => r.text).join(' ')).toMatch(/0800 195 1635/);
  });
});
