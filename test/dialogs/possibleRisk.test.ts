import { allText, createHarness } from '../helpers/dialogHarness';

// Stand-ins for messages only the learned safeguarding layer flags: the model's exact scores change
// whenever its examples do, so the routing is tested with the check's answer fixed.
const MODEL_ONLY = new Map([
  ['what does a senco do, asking for my non verbal son', true],
  ['he keeps staring at the cot and says something bad will happen tonight', true],
]);
jest.mock('../../src/safety/crisisCheck', () => {
  const actual = jest.requireActual('../../src/safety/crisisCheck');
  return {
    ...actual,
    checkForCrisis: (text: string) => (MODEL_ONLY.has(text) ? { crisis: true, category: 'possible-risk' } : actual.checkForCrisis(text)),
  };
});

describe('a message only the learned safeguarding layer flags', () => {
  it('gets the emergency signposting first and then the answer to its plain question', async () => {
    const h = createHarness();
    const replies = await h.send('what does a senco do, asking for my non verbal son');
    expect(replies[0]?.text).toMatch(/999/);
    expect(allText(replies.slice(1))).toMatch(/SENCO/);
    expect(allText(replies)).not.toContain(h.say('handoff.consent').split('\n')[0]);
  });

  it('gets the full crisis flow, with the offer of an adviser, when it is not a question we answer', async () => {
    const h = createHarness();
    const replies = await h.send('he keeps staring at the cot and says something bad will happen tonight');
    expect(replies[0]?.text).toMatch(/999/);
    expect(allText(replies)).toContain(h.say('handoff.consent').split('\n')[0]);
  });
});
