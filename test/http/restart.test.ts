import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageActivity, post, startApp } from '../helpers/startApp';

describe('conversation state in the embedded store', () => {
  it('survives a restart in the middle of a dialog', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'send-restart-'));
    const conversation = { id: 'restart-1' };
    try {
      const first = await startApp({}, { dataDir, keepData: true });
      const started = await post(first.url, messageActivity('help me write a letter to the senco', { conversation }));
      const question = first.app.knowledge.letter('senco-meeting')!.questions[0].ask;
      expect(started.replies.map((r) => r.text).join(' ')).toContain(question);
      await first.stop();

      const second = await startApp({}, { dataDir, keepData: true });
      const next = await post(second.url, messageActivity('Jamie', { conversation }));
      // The letter dialog carried on at its second question rather than starting again.
      expect(next.replies.map((r) => r.text).join(' ')).toContain(second.app.knowledge.letter('senco-meeting')!.questions[1].ask);
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
