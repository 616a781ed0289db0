import './helpers/restoreNock';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConversationParameters } from 'botbuilder';
import nock from 'nock';
import { readAcceptCase } from '../../../src/bot/handoff/acceptCaseAction';
import { buildHandoffCard, type HandoffCard } from '../../../src/bot/handoff/handoffCard';
import { TeamsChannelSink } from '../../../src/bot/handoff/teamsChannelSink';
import { DeliveryRejectedError, HandoffConfigError, HandoffDeliveryError } from '../../../src/handoff/errors';
import type { TranscriptEntry } from '../../../src/handoff/record';
import { makeRecord } from './helpers/records';

const SERVICE_URL = 'https://smba.example.test/emea/';
const CHANNEL = { serviceUrl: SERVICE_URL, conversationId: '19:advisers@thread.tacv2', tenantId: 'tenant-1' };

function localAdapter(): CloudAdapter {
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
}

/** Intercepts the create-conversation call that starts a new channel thread. */
function interceptCreateConversation(status: number): ConversationParameters[] {
  const posted: ConversationParameters[] = [];
  nock('https://smba.example.test')
    .post('/emea/v3/conversations', (body: ConversationParameters) => {
      posted.push(body);
      return true;
    })
    .reply(status, status < 300 ? { id: '19:advisers@thread.tacv2;messageid=1700000000000', activityId: '1700000000000' } : {});
  return posted;
}

function cardOf(parameters: ConversationParameters): HandoffCard {
  const attachment = parameters.activity?.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment?.content as HandoffCard;
}

function allText(value: unknown): string {
  return JSON.stringify(value);
}

describe('TeamsChannelSink', () => {
  it('posts the case card as a new thread in the advisers’ channel', async () => {
    const posted = interceptCreateConversation(201);
    const record = makeRecord();
    await new TeamsChannelSink({ adapter: localAdapter(), appId: '', channel: CHANNEL }).deliver(record);

    expect(nock.isDone()).toBe(true);
    const [parameters] = posted as [ConversationParameters];
    expect(parameters).toMatchObject({
      isGroup: true,
      tenantId: 'tenant-1',
      channelData: { channel: { id: '19:advisers@thread.tacv2' }, tenant: { id: 'tenant-1' } },
      activity: { type: 'message' },
    });

    const card = cardOf(parameters);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const facts = card.body.filter((element) => element.type === 'FactSet').flatMap((element) => element.facts);
    expect(facts).toEqual(
      expect.arrayContaining([
        { title: 'Year group', value: 'Year 2' },
        { title: 'Area of need', value: 'communication and interaction' },
        { title: 'Best time to contact', value: 'not given' },
        { title: 'Phone', value: '07700 900123' },
        { title: 'Email', value: 'not given' },
      ]),
    );
    expect(allText(card.body)).toContain(record.id);

    const accept = card.actions.find((action) => action.type === 'Action.Submit');
    expect(accept).toMatchObject({ title: 'Accept case', data: { action: 'handoff.accept', id: record.id } });
    const conversation = card.actions.find((action) => action.type === 'Action.ShowCard');
    expect(conversation?.title).toBe('Show conversation (3 messages)');
    for (const entry of record.transcript) expect(allText(conversation)).toContain(entry.text);
  });

  it('reports a connector rejection and a connector outage differently', async () => {
    interceptCreateConversation(403);
    const sink = new TeamsChannelSink({ adapter: localAdapter(), appId: '', channel: CHANNEL });
    await expect(sink.deliver(makeRecord())).rejects.toBeInstanceOf(DeliveryRejectedError);

    // 501 is not retried inside the connector client (other 5xx are, for several seconds).
    interceptCreateConversation(501);
    const error = await sink.deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect(error).not.toBeInstanceOf(DeliveryRejectedError);
  });

  it('needs the channel, tenant and service URL', () => {
    expect(() => new TeamsChannelSink({ adapter: localAdapter(), appId: '', channel: { ...CHANNEL, tenantId: '' } })).toThrow(HandoffConfigError);
  });
});

describe('buildHandoffCard', () => {
  it('flags a crisis hand-off', () => {
    const card = buildHandoffCard(makeRecord({ summary: { reason: 'crisis' } }));
    expect(card.body[0]).toMatchObject({ text: expect.stringContaining('URGENT'), color: 'Attention' });
  });

  it('shows parent text as plain text runs, never as markdown', () => {
    const record = makeRecord();
    record.transcript[0]!.text = '[click me](https://phish.example.test) **now**';
    const card = buildHandoffCard(record);
    const show = card.actions.find((action) => action.type === 'Action.ShowCard');
    const runs = show?.type === 'Action.ShowCard' ? show.card.body.filter((element) => element.type === 'RichTextBlock') : [];
    expect(runs[0]).toMatchObject({ inlines: [{ type: 'TextRun' }, { type: 'TextRun', text: '[click me](https://phish.example.test) **now**' }] });
  });

  it('keeps a long conversation within the card budget, latest messages first to stay', () => {
    const transcript: TranscriptEntry[] = Array.from({ length: 200 }, (_, i) => ({
      from: i % 2 === 0 ? 'parent' : 'bot',
      text: `message ${i} ${'x'.repeat(300)}`,
      timestamp: new Date(Date.UTC(2026, 0, 5, 9, 0, i)).toISOString(),
    }));
    const card = buildHandoffCard(makeRecord({ transcript }), { maxTranscriptChars: 3_000 });
    const text = allText(card);
    expect(text).toContain('message 199 ');
    expect(text).not.toContain('message 0 ');
    expect(text).toMatch(/\d+ earlier message\(s\) not shown here/);
    expect(Buffer.byteLength(text)).toBeLessThan(28_000);
  });
});

describe('readAcceptCase', () => {
  it('recognises the Accept case button', () => {
    const activity: Partial<Activity> = { type: 'message', value: { action: 'handoff.accept', id: 'abc' } };
    expect(readAcceptCase(activity)).toEqual({ handoffId: 'abc' });
  });

  it('ignores other messages and submits', () => {
    expect(readAcceptCase({ type: 'message', text: 'hi' })).toBeUndefined();
    expect(readAcceptCase({ type: 'message', value: { action: 'other', id: 'abc' } })).toBeUndefined();
    expect(readAcceptCase({ type: 'invoke', value: { action: 'handoff.accept', id: 'abc' } })).toBeUndefined();
  });
});
