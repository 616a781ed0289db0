import { messageActivity, post, RunningApp, startApp } from '../helpers/startApp';

describe('an exception inside a turn', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => running.stop());

  it('gives the parent a kind message with a reference code, and the conversation carries on', async () => {
    const conversation = { id: 'boom-1' };
    const spy = jest.spyOn(running.app.knowledge, 'classify').mockImplementationOnce(() => {
      throw new Error('matcher exploded');
    });
    const failed = await post(running.url, messageActivity('who is the senco', { conversation }));
    expect(failed.status).toBe(200);
    const text = failed.replies.map((r) => r.text).join(' ');
    expect(text).toMatch(/Sorry, something went wrong/);
    expect(text).toMatch(/Reference: [0-9A-F]{8}/);
    expect(text).not.toMatch(/matcher exploded|at .*\.ts/);
    spy.mockRestore();
    const next = await post(running.url, messageActivity('who is the senco', { conversation }));
    expect(next.replies[0].text).toMatch(/SENCO/);
  });
});
