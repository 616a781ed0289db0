import { closestChoice } from '../../dialogs/prompting';
import { asksWhatNext } from '../../dialogs/conversationRouter';
import { allText, createHarness, press } from '../helpers/dialogHarness';

describe('answering questions', () => {
  it('answers with the short answer, sources, tell me more, related topics and did-it-help', async () => {
    const h = createHarness();
    const replies = await h.send('what does a SENCO do?');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/SENCO/);
    expect(replies[0].text).toMatch(/Sources: .*Code of Practice, paragraph 6\.2/);
    expect(replies[0].buttons).toEqual(expect.arrayContaining([h.say('answer.more-button'), h.say('answer.helpful-yes'), h.say('answer.helpful-no')]));
    const more = await press(h, replies, h.say('answer.more-button'));
    expect(more[0].text.length).toBeGreaterThan(100);
    expect(more[0].buttons).not.toContain(h.say('answer.more-button'));
  });

  it('says which area it used when the answer depends on it, and "I live in Kent" changes it', async () => {
    const h = createHarness();
    const first = await h.send('who are liaise');
    expect(allText(first)).toMatch(/0800 195 1635/);
    const moved = await h.send('I live in Kent');
    expect(allText(moved)).toContain(h.say('area.changed', { area: 'Kent' }, 'kent'));
    // The last answer is given again for the new area.
    expect(allText(moved)).toMatch(/IASK/);
    const again = await h.send('what is the local offer');
    expect(allText(again)).not.toMatch(/lincolnshire\.gov\.uk/i);
  });

  it('asks "did you mean" with buttons and "none of these", and a second miss offers a person', async () => {
    const h = createHarness();
    const first = await h.send('what is the weather like in skegness tomorrow');
    // Clearly off-topic: the bot says what it is for instead of asking to rephrase.
    expect(allText(first)).toContain(h.say('fallback.out-of-scope'));
    expect(first[0].buttons).toContain(h.say('common.person'));
    const second = await h.send('can you book me a table for dinner');
    expect(allText(second)).toContain(h.say('fallback.second').split('\n')[0]);
    expect(allText(second)).toContain(h.say('handoff.consent').split('\n')[0]);
  });

  it('says which area it used only once, not after every answer', async () => {
    const h = createHarness();
    const note = h.say('answer.area-note', { area: 'Lincolnshire' });
    expect(allText(await h.send('who are liaise'))).toContain(note);
    expect(allText(await h.send('what is the local offer'))).not.toContain(note);
  });

  it('explains a word from the glossary', async () => {
    const h = createHarness();
    const replies = await h.send('what does SALT mean?');
    expect(allText(replies)).toMatch(/speech and language/i);
  });

  it('a "no" to did-it-help offers a rephrase or a person', async () => {
    const h = createHarness();
    const answer = await h.send('how often should school meet with me');
    const no = await press(h, answer, h.say('answer.helpful-no'));
    expect(allText(no)).toContain(h.say('answer.feedback-sorry'));
    expect(no[0].buttons).toContain(h.say('common.person'));
  });

  it('shows at most three suggested actions on Teams, putting the rest on a card', async () => {
    const h = createHarness({ channelId: 'msteams' });
    const replies = await h.send('what does a SENCO do?');
    expect(replies[0].attachments[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(replies[0].buttons.length).toBeGreaterThan(3);
  });

  it('gives a kind reply to an empty message or an attachment only', async () => {
    const h = createHarness();
    const replies = await h.send('', { attachments: [{ contentType: 'image/png', contentUrl: 'https://x.example/a.png' }] });
    expect(allText(replies)).toContain(h.say('odd.empty'));
  });
});

describe('how parents really reply', () => {
  it('reads a typed "tell me more" and a typed "no" as the buttons they stand for', async () => {
    const h = createHarness();
    const answer = await h.send('what is the graduated approach');
    const more = await h.send('tell me more');
    expect(more[0].text).toContain(h.knowledge.answer('graduated-approach', 'lincolnshire')!.more.slice(0, 40));
    await h.send('what does a SENCO do?');
    const no = await h.send('not really');
    expect(allText(no)).toContain(h.say('answer.feedback-sorry'));
    expect(answer[0].text.length).toBeGreaterThan(0);
  });

  it('moves on when the parent types a new question at a multiple-choice prompt', async () => {
    const h = createHarness();
    await h.send('how do I raise a concern with school');
    const replies = await h.send('actually how long does an EHC needs assessment take');
    expect(allText(replies)).toContain(h.knowledge.answer('ehc-timescales', 'lincolnshire')!.text.slice(0, 40));
  });

  it('keeps a free-text answer at a letter question, even if it looks like a question', async () => {
    const h = createHarness();
    await h.send('help me write a letter to the senco');
    const next = await h.send('Jamie who is in year 4 and has an EHCP');
    expect(allText(next)).toContain(h.knowledge.letter('senco-meeting')!.questions[1].ask);
  });
});

describe('safety first', () => {
  it.each([
    ['my son says he wants to kill himself'],
    ['I think my daughter is being abused by her stepdad'],
    ['my child has gone missing and i cant find him'],
  ])('signposts emergency help before anything else: %s', async (text) => {
    const h = createHarness();
    const replies = await h.send(text);
    expect(replies[0].text).toMatch(/999/);
    expect(allText(replies)).toContain(h.say('handoff.consent').split('\n')[0]);
  });

  it('interrupts any dialog: a crisis in the middle of drafting a letter', async () => {
    const h = createHarness();
    await h.send('help me write a letter to the senco');
    const replies = await h.send('she said she is going to hurt herself tonight');
    expect(replies[0].text).toMatch(/999/);
  });

  it('does not alarm on ordinary worries', async () => {
    const h = createHarness();
    const replies = await h.send('he hurt his hand in PE and now he is anxious about school');
    expect(allText(replies)).not.toMatch(/999/);
  });
});

describe('short follow-ups after an answer', () => {
  it.each(['what can i do', 'So what can I do about it?', 'what now', 'what are my options', "what's next"])(
    '"%s" after an answer walks through the next steps',
    async (text) => {
      const h = createHarness();
      await h.send('school keep sending my son home at lunch because they cannot cope with him');
      const replies = await h.send(text);
      expect(allText(replies)).toContain(h.say('concern.ask-stage'));
    },
  );

  it('a bare "no" with nothing to answer gets a short, kind reply, not a guess at a topic', async () => {
    const h = createHarness();
    await h.send('help');
    const replies = await h.send('no');
    expect(allText(replies)).toBe(h.say('odd.bare-no'));
  });

  it('a bare "yes" invites the question', async () => {
    const h = createHarness();
    const replies = await h.send('yes');
    expect(allText(replies)).toBe(h.say('odd.bare-yes'));
  });
});

describe('welcome on first contact', () => {
  it.each([
    ['Web Chat / Direct Line: the parent joins', 'directline', [{ id: 'user1' }, { id: 'bot' }], 'personal'],
    ['Emulator: both join', 'emulator', [{ id: 'bot' }, { id: 'user1' }], 'personal'],
    ['Teams: the bot is installed in a personal chat', 'msteams', [{ id: 'bot' }], 'personal'],
  ])('%s', async (_name, channelId, membersAdded, conversationType) => {
    const h = createHarness({ channelId });
    h.adapter.activeQueue.splice(0);
    await h.adapter.receiveActivity({ type: 'conversationUpdate', membersAdded, recipient: { id: 'bot', name: 'bot' }, conversation: { id: `welcome-${channelId}`, conversationType, isGroup: false, name: 'x' } });
    const texts = h.adapter.activeQueue.splice(0).map((a) => a.text ?? '');
    expect(texts.join(' ')).toContain(h.say('welcome.text').split('\n')[0]);
    expect(texts.join(' ')).toMatch(/not legal advice/);
  });
});

describe('asksWhatNext', () => {
  it.each([
    ['what can i do', true],
    ['so what should we do now?', true],
    ['wot now', true],
    ['any advice', true],
    ['what can i do about the school not following his plan', false],
    ['what does a senco do', false],
  ])('%s -> %s', (text, expected) => {
    expect(asksWhatNext(text)).toBe(expected);
  });
});

describe('typed answers at a choice prompt', () => {
  it('"I\'ve spoken to the teacher already" is taken as "I\'ve talked to the class teacher"', async () => {
    const h = createHarness();
    await h.send("I'm worried about my child");
    const before = await h.send('what can i do');
    expect(allText(before)).toContain(h.say('concern.ask-stage'));
    const replies = await h.send("I've spoken to the teacher already");
    expect(allText(replies)).not.toContain(h.say('concern.ask-stage'));
  });

  it.each<[string, string[], number | undefined]>([
    ["I've spoken to the teacher already", ["I haven't raised it with school yet", "I've talked to the class teacher", "I've met the headteacher"], 1],
    ['the head', ["I've talked to the class teacher", "I've met the headteacher"], undefined],
    ['no', ['Yes', 'No thanks'], 1],
    ['maybe later', ['Yes', 'No thanks'], undefined],
  ])('closestChoice(%s)', (text, choices, expected) => {
    expect(closestChoice(text, choices)).toBe(expected);
  });
});

describe('saying where you live at a choice prompt', () => {
  it('changes the area and asks the same question again', async () => {
    const h = createHarness();
    await h.send("I'm worried about my child");
    await h.send('what can i do');
    const replies = await h.send('i live in kent');
    expect(allText(replies)).toContain(h.say('area.changed', { area: 'Kent' }, 'kent'));
    expect(allText(replies)).toContain(h.say('concern.ask-stage', {}, 'kent'));
  });
});

describe('closestChoice leaves stories alone', () => {
  it('does not take a sentence that only mentions a choice word as that choice', () => {
    expect(closestChoice("they said he's fine in class but he's falling apart at home", ["I've talked to the class teacher", "I've met the headteacher"])).toBeUndefined();
  });
});
