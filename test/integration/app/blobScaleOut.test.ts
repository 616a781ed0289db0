import { Azurite, startAzurite } from '../../helpers/azurite';
import { messageActivity, post, RunningApp, startApp } from '../../helpers/startApp';

/** The real bot on Azure Blob storage (Azurite), as a council would run several instances. */
describe('the bot on blob storage', () => {
  let azurite: Azurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  }, 60_000);
  afterAll(async () => azurite?.dispose());

  const blobEnv = (container: string) => ({ STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: container });

  it('two instances take alternate turns of one conversation and neither loses anything', async () => {
    const a = await startApp(blobEnv('scaleout'));
    const b = await startApp(blobEnv('scaleout'));
    try {
      const conversation = { id: 'scale-1' };
      const from = { id: 'parent-scale' };
      const k = a.app.knowledge;
      const letter = k.letter('senco-meeting')!;
      // Turn 1 on A starts the letter; each following turn goes to the other instance.
      const first = await post(a.url, messageActivity('help me write a letter to the senco', { conversation, from }));
      expect(first.replies.map((r) => r.text).join(' ')).toContain(letter.questions[0].ask);
      const instances = [b, a];
      let last = first;
      for (const [i, q] of letter.questions.entries()) {
        const target = instances[i % 2];
        last = await post(target.url, messageActivity(q.key === 'childName' ? 'Jamie' : k.prompt('common.skip', 'lincolnshire'), { conversation, from }));
        expect(last.status).toBe(200);
        if (i + 1 < letter.questions.length) expect(last.replies.map((r) => r.text).join(' ')).toContain(letter.questions[i + 1].ask);
      }
      expect(last.replies.map((r) => r.text).join(' ')).toContain('Jamie');
      // The area told to one instance is known to the other.
      await post(a.url, messageActivity('I live in Kent', { conversation, from }));
      const iask = await post(b.url, messageActivity('who can give me independent advice about SEND near me', { conversation, from }));
      expect(iask.replies.map((r) => r.text).join(' ')).toMatch(/IASK/);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);

  it('when storage goes down mid-conversation the parent gets a kind message and /health 503, and it recovers', async () => {
    // The SDK's transcript logger reports the outage with console.error (the app routes it to pino).
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const running: RunningApp = await startApp(blobEnv('outage-app'));
    try {
      const conversation = { id: 'outage-1' };
      const ok = await post(running.url, messageActivity('who is the senco', { conversation }));
      expect(ok.replies[0].text).toMatch(/SENCO/);

      await azurite.stop();
      const down = await post(running.url, messageActivity('what is the graduated approach', { conversation }));
      expect(down.status).toBe(200);
      const said = down.replies.map((r) => r.text).join(' ');
      expect(said).toMatch(/trouble saving our conversation/);
      expect(said).toMatch(/0800 195 1635/);
      expect(said).toMatch(/Reference: [0-9A-F]{8}/);
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(503);

      await azurite.start();
      const healthAgain = await fetch(`${running.url}/health`);
      expect(healthAgain.status).toBe(200);
      const back = await post(running.url, messageActivity('what is the graduated approach', { conversation }));
      expect(back.replies[0].text).toMatch(/assess/i);
    } finally {
      await running.stop();
      quiet.mockRestore();
    }
  }, 90_000);
});
