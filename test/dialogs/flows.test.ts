import { allText, createHarness, Harness, press, Reply } from '../helpers/dialogHarness';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const firstLine = (s: string) => s.split('\n')[0];

describe('explain my rights', () => {
  it('says what the school must do and should do, each with its source, then what next', async () => {
    const h = createHarness();
    const answer = await h.send('what does the law say schools have to do for children with SEN');
    const rights = await press(h, answer, h.say('answer.rights-button'));
    const text = allText(rights);
    expect(text).toContain(h.say('rights.must-heading'));
    expect(text).toMatch(/Code of Practice, paragraph 6\.2/);
    expect(text).toContain(h.say('rights.next-heading'));
    expect(rights[rights.length - 1].buttons).toEqual([h.say('answer.concern-button'), h.say('common.person'), h.say('common.done')]);
  });

  it('offers a choice of subjects when none is given', async () => {
    const h = createHarness();
    const answer = await h.send('what does the law say schools have to do for children with SEN');
    await press(h, answer, h.say('answer.rights-button'));
    // "I'm done" ends the dialog politely.
    const done = await h.send(h.say('common.done'));
    expect(allText(done)).toContain(h.say('answer.feedback-thanks'));
  });
});

describe('walk through a concern', () => {
  it('finds where the parent is, gives the next step with what to bring and rights, then goes on', async () => {
    const h = createHarness();
    const start = await h.send("I'm worried my son isn't getting the help he needs at school");
    expect(allText(start)).toContain(h.say('concern.ask-stage'));
    const stages = h.knowledge.escalationStages();
    const step = await h.send(stages[2].choice);
    const text = allText(step);
    expect(text).toContain(h.say('concern.bring-heading'));
    expect(text).toContain(h.say('concern.rights-heading'));
    const next = await h.send(h.say('concern.button-next'));
    expect(allText(next)).toContain(h.say('concern.what-next'));
  });

  it('in Kent mentions PEOs and never makes LIFT a condition for an EHC needs assessment', async () => {
    const h = createHarness();
    await h.send('I live in Kent');
    await h.send('school is not doing enough for my daughter');
    const stage = h.knowledge.escalationStages().find((s) => s.id === 'cannot-meet-need')!;
    const text = allText(await h.send(stage.choice));
    expect(text).toMatch(/LIFT/);
    expect(text).not.toMatch(/must (go|wait) (to|for) LIFT|only after LIFT|LIFT first/i);
    const senco = h.knowledge.escalationStages().find((s) => s.id === 'talked-senco')!;
    await h.send('start over');
    await h.send('school is not doing enough for my daughter');
    expect(allText(await h.send(senco.choice))).toMatch(/Provision Evaluation Officer|PEO/);
  });

  it('can go on to draft a letter or talk to an adviser', async () => {
    const h = createHarness();
    await h.send('how do I raise a concern with school');
    await h.send(h.knowledge.escalationStages()[0].choice);
    const letter = await h.send(h.say('concern.button-letter'));
    expect(allText(letter)).toContain(h.say('letter.intro'));
  });
});

describe('draft a letter', () => {
  async function fillLetter(h: Harness, answers: string[]): Promise<Reply[]> {
    let replies: Reply[] = [];
    for (const a of answers) replies = await h.send(a);
    return replies;
  }

  it('collects only what the letter needs, lets every question be skipped, and marks it a draft', async () => {
    const h = createHarness();
    const choose = await h.send('can you help me write a letter');
    expect(allText(choose)).toContain(h.say('letter.ask-which'));
    const letter = h.knowledge.letter('senco-meeting')!;
    await h.send(letter.title);
    const skips = letter.questions.map(() => h.say('common.skip'));
    const replies = await fillLetter(h, skips);
    const draft = replies[replies.length - 1];
    expect(allText(replies)).toContain(h.say('letter.ready'));
    expect(draft.text).toMatch(/DRAFT/);
    for (const q of letter.questions) expect(draft.text).toContain(`[${q.label}]`);
    expect(draft.attachments[0]).toMatchObject({ contentType: 'text/plain' });
    expect(draft.attachments[0].contentUrl).toMatch(/^data:text\/plain/);
  });

  it('puts the parent\'s answers into the letter, escaped', async () => {
    const h = createHarness();
    await h.send('help me write a letter to the senco');
    const letter = h.knowledge.letter('senco-meeting')!;
    const answers = letter.questions.map((q) => (q.key === 'childName' ? '**Jamie**' : q.key === 'school' ? 'Oak Primary' : h.say('common.skip')));
    const replies = await fillLetter(h, answers);
    const text = replies[replies.length - 1].text;
    expect(text).toContain('\\*\\*Jamie\\*\\*');
    expect(text).toContain('Oak Primary');
  });
});

describe('hand-off to an adviser', () => {
  const consentFirst = (h: Harness) => firstLine(h.say('handoff.consent'));

  it('asks consent first; declining shares nothing and gives the service contact', async () => {
    const h = createHarness();
    expect(allText(await h.send('talk to a person'))).toContain(consentFirst(h));
    const declined = await h.send(h.say('handoff.consent-no'));
    expect(allText(declined)).toContain(h.say('handoff.declined'));
    expect(allText(declined)).toMatch(/0800 195 1635/);
    expect(h.handoff.drafts).toHaveLength(0);
  });

  it('collects skippable details, confirms the summary, then submits with consent time', async () => {
    const h = createHarness();
    await h.send('can i speak to someone please');
    await h.send(h.say('handoff.consent-yes'));
    await h.send(h.say('handoff.contact-phone'));
    expect(allText(await h.send('not a number'))).toContain(h.say('handoff.bad-phone'));
    await h.send('07700 900123');
    await h.send('weekday mornings');
    await h.send('Year 4');
    await h.send(h.say('handoff.school-primary'));
    await h.send(h.say('common.skip'));
    await h.send('Met the SENCO in March');
    const confirm = await h.send('Help asking for an assessment');
    expect(allText(confirm)).toContain(h.say('handoff.confirm'));
    expect(allText(confirm)).toContain('07700 900123');
    const sent = await h.send(h.say('handoff.confirm-send'));
    expect(allText(sent)).toMatch(/REF1/);
    expect(h.handoff.drafts).toHaveLength(1);
    const draft = h.handoff.drafts[0];
    expect(draft).toMatchObject({ reason: 'asked', area: 'lincolnshire', contact: { phone: '07700 900123' }, summary: { childAge: 'Year 4', schoolType: 'Primary', stepsTaken: 'Met the SENCO in March', contactTime: 'weekday mornings' } });
    expect(draft.summary.areaOfNeed).toBeUndefined();
    expect(new Date(draft.consent.at).getTime()).not.toBeNaN();
  });

  it('tells the parent plainly when the request could not be saved', async () => {
    const h = createHarness();
    h.handoff.fail = true;
    await h.send('talk to a person');
    await h.send(h.say('handoff.consent-yes'));
    for (let i = 0; i < 7; i++) await h.send(h.say('common.skip'));
    const replies = await h.send(h.say('handoff.confirm-send'));
    expect(allText(replies)).toMatch(new RegExp(esc(h.say('handoff.failed', { code: 'X' }).split('(')[0].trim().slice(0, 40))));
  });
});

describe('privacy', () => {
  it('"delete my data" confirms then erases', async () => {
    const h = createHarness();
    await h.send('I live in Kent');
    const ask = await h.send('delete my data');
    expect(allText(ask)).toContain(h.say('privacy.ask-delete'));
    const done = await h.send(h.say('common.yes'));
    expect(allText(done)).toContain(h.say('privacy.deleted'));
    expect(h.eraser.calls).toBe(1);
  });

  it('answers "what do you keep about me"', async () => {
    const h = createHarness();
    const replies = await h.send('what do you keep about me');
    expect(replies[0].buttons).toContain('Delete my data');
  });
});

/** Every prompt of every dialog, reached by these steps; each interruption is tried at each. */
const PROMPTS: Array<[string, (h: Harness) => Promise<unknown>]> = [
  ['rights: which subject', async (h) => { await h.send('what does the law say schools have to do for children with SEN'); await h.send('x', { value: { action: 'rights', id: 'no-such' } }); }],
  ['rights: follow-up', async (h) => { await press(h, await h.send('what does the law say schools have to do for children with SEN'), h.say('answer.rights-button')); }],
  ['concern: where are you up to', async (h) => { await h.send('how do I raise a concern with school'); }],
  ['concern: what next', async (h) => { await h.send('how do I raise a concern with school'); await h.send(h.knowledge.escalationStages()[0].choice); }],
  ['letter: which letter', async (h) => { await h.send('can you help me write a letter'); }],
  ['letter: a question', async (h) => { await h.send('help me write a letter to the senco'); }],
  ['hand-off: consent', async (h) => { await h.send('talk to a person'); }],
  ['hand-off: contact method', async (h) => { await h.send('talk to a person'); await h.send(h.say('handoff.consent-yes')); }],
  ['hand-off: phone', async (h) => { await h.send('talk to a person'); await h.send(h.say('handoff.consent-yes')); await h.send(h.say('handoff.contact-phone')); }],
  ['hand-off: confirm', async (h) => { await h.send('talk to a person'); await h.send(h.say('handoff.consent-yes')); for (let i = 0; i < 7; i++) await h.send(h.say('common.skip')); }],
  ['delete data: confirm', async (h) => { await h.send('delete my data'); }],
];

describe.each(PROMPTS)('interruptions at %s', (_name, reach) => {
  it('"help" shows help and asks the same question again', async () => {
    const h = createHarness();
    await reach(h);
    const replies = await h.send('help');
    expect(allText(replies)).toContain(firstLine(h.say('common.help')));
    expect(allText(replies)).toContain(h.say('common.reprompt-after-help'));
  });

  it('"start over" ends the dialog', async () => {
    const h = createHarness();
    await reach(h);
    expect(allText(await h.send('start over'))).toContain(h.say('common.restarted'));
    expect(allText(await h.send('who is the senco'))).toMatch(/SENCO/);
  });

  it('"cancel" ends the dialog', async () => {
    const h = createHarness();
    await reach(h);
    expect(allText(await h.send('cancel'))).toContain(h.say('common.cancelled'));
  });

  it('"talk to a person" starts the hand-off', async () => {
    const h = createHarness();
    await reach(h);
    expect(allText(await h.send('talk to a person'))).toContain(firstLine(h.say('handoff.consent')));
  });

  it('a crisis message gets emergency signposting first', async () => {
    const h = createHarness();
    await reach(h);
    const replies = await h.send('my son says he wants to end his life');
    expect(replies[0].text).toMatch(/999/);
  });
});

describe('hand-off and the service opening hours', () => {
  async function sendHandoff(h: Harness): Promise<string> {
    await h.send('talk to a person');
    await h.send(h.say('handoff.consent-yes'));
    for (let i = 0; i < 7; i++) await h.send(h.say('common.skip'));
    return allText(await h.send(h.say('handoff.confirm-send')));
  }
  const start = (key: Parameters<Harness['say']>[0]) => (h: Harness) => h.say(key, { reference: 'REF1' });

  it.each<[string, boolean | undefined, ReturnType<typeof start>]>([
    ['open: an adviser has been asked to join', true, start('handoff.sent-open')],
    ['closed: a callback request was made', false, start('handoff.sent-closed')],
    ['hours unknown: no promise of a time', undefined, start('handoff.sent-unknown-hours')],
  ])('%s', async (_name, open, expected) => {
    const h = createHarness();
    jest.spyOn(h.knowledge, 'isServiceOpen').mockReturnValue(open);
    expect(await sendHandoff(h)).toContain(expected(h));
  });
});

describe('withdrawing a hand-off after it was sent', () => {
  async function send(h: Harness): Promise<void> {
    await h.send('talk to a person');
    await h.send(h.say('handoff.consent-yes'));
    for (let i = 0; i < 7; i++) await h.send(h.say('common.skip'));
    await h.send(h.say('handoff.confirm-send'));
  }

  it('"cancel my request" withdraws it', async () => {
    const h = createHarness();
    await send(h);
    const replies = await h.send('cancel my request');
    expect(allText(replies)).toContain(h.say('handoff.cancel-done', { reference: 'REF1' }));
    expect(h.handoff.cancelled).toEqual(['id-1']);
  });

  it('says honestly when an adviser may already have it', async () => {
    const h = createHarness();
    await send(h);
    h.handoff.delivered = true;
    expect(allText(await h.send("I don't need an adviser anymore"))).toContain(h.say('handoff.cancel-after-delivery', { reference: 'REF1' }));
  });

  it('says so when there is nothing to cancel', async () => {
    const h = createHarness();
    expect(allText(await h.send('cancel my request'))).toContain(h.say('handoff.cancel-none'));
  });
});
