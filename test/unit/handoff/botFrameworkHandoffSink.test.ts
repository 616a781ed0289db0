import './helpers/restoreNock';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, EventFactory, type Activity, type ConversationAccount } from 'botbuilder';
import nock from 'nock';
import { BotFrameworkHandoffSink } from '../../../src/bot/handoff/botFrameworkHandoffSink';
import { readHandoffStatus } from '../../../src/bot/handoff/handoffStatus';
import { DeliveryRejectedError, HandoffDeliveryError } from '../../../src/handoff/errors';
import { makeRecord } from './helpers/records';

const CONNECTOR = 'https://smba.example.test';
const ACTIVITIES = /^\/parent\/v3\/conversations\/conv-parent-1\/activities(\/[^/]+)?$/;

/** Local-mode adapter: no app id, so no token is fetched (as in `npm start` without credentials). */
function localAdapter(): CloudAdapter {
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
}

/** Intercepts activities posted into the parent's conversation. */
function interceptActivities(status: number, times = 1): Array<Partial<Activity>> {
  const posted: Array<Partial<Activity>> = [];
  nock(CONNECTOR)
    .post(ACTIVITIES, (body: Partial<Activity>) => {
      posted.push(body);
      return true;
    })
    .times(times)
    .reply(status, status < 300 ? { id: 'activity-1' } : { error: { code: 'Failure', message: 'nope' } });
  return posted;
}

describe('BotFrameworkHandoffSink', () => {
  it("sends a handoff.initiate event with the summary and transcript into the parent's conversation", async () => {
    const posted = interceptActivities(200);
    const record = makeRecord();
    await new BotFrameworkHandoffSink({ adapter: localAdapter(), appId: '' }).deliver(record);

    expect(nock.isDone()).toBe(true);
    const [event] = posted as [Partial<Activity>];
    expect(event).toMatchObject({
      type: 'event',
      name: 'handoff.initiate',
      channelId: 'webchat',
      conversation: { id: 'conv-parent-1' },
      from: { id: 'bot-1' },
      recipient: { id: 'user-1' },
    });
    expect(event.value).toMatchObject({ handoffId: record.id, area: 'lincolnshire', reason: 'asked', summary: record.summary, contact: record.contact });
    const transcript = event.attachments?.[0];
    expect(transcript).toMatchObject({ name: 'Transcript', contentType: 'application/json' });
    const activities = (transcript?.content as { activities: Array<Partial<Activity>> }).activities;
    expect(activities.map((a) => [a.from?.role, a.text])).toEqual(record.transcript.map((t) => [t.from === 'parent' ? 'user' : 'bot', t.text]));
  });

  it('surfaces a connector failure even though the adapter has an onTurnError that swallows it', async () => {
    // 501: a 5xx the connector client's pipeline does not retry itself (it retries 408 and most
    // 5xx three times, about 5.5 s, before the sink sees the error).
    interceptActivities(501);
    const adapter = localAdapter();
    adapter.onTurnError = async () => undefined;
    const error = await new BotFrameworkHandoffSink({ adapter, appId: '' }).deliver(makeRecord()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HandoffDeliveryError);
    expect(error).not.toBeInstanceOf(DeliveryRejectedError);
    expect((error as Error).message).toBe('Bot Connector answered HTTP 501');
  });

  it('treats a 403 (bot no longer in the conversation) as a rejection', async () => {
    interceptActivities(403);
    await expect(new BotFrameworkHandoffSink({ adapter: localAdapter(), appId: '' }).deliver(makeRecord())).rejects.toBeInstanceOf(DeliveryRejectedError);
  });

  it('does not report success when a middleware ends the turn before the event is sent', async () => {
    const adapter = localAdapter();
    adapter.use({ onTurn: async () => undefined });
    await expect(new BotFrameworkHandoffSink({ adapter, appId: '' }).deliver(makeRecord())).rejects.toBeInstanceOf(DeliveryRejectedError);
  });
});

describe('readHandoffStatus', () => {
  const conversation = { id: 'conv-parent-1' } as ConversationAccount;

  it.each(['accepted', 'failed', 'completed'] as const)('recognises a %s status from the agent hub', (state) => {
    const activity = EventFactory.createHandoffStatus(conversation, state, state === 'failed' ? 'no agents' : undefined);
    expect(readHandoffStatus(activity)).toEqual({
      state,
      conversationId: 'conv-parent-1',
      ...(state === 'failed' ? { message: 'no agents' } : {}),
    });
  });

  it('accepts a value sent as a JSON string', () => {
    expect(readHandoffStatus({ type: 'event', name: 'handoff.status', value: '{"state":"completed"}' })).toEqual({ state: 'completed' });
  });

  it('ignores other activities and unknown states', () => {
    expect(readHandoffStatus({ type: 'message', text: 'hello' })).toBeUndefined();
    expect(readHandoffStatus({ type: 'event', name: 'handoff.initiate', value: { state: 'accepted' } })).toBeUndefined();
    expect(readHandoffStatus({ type: 'event', name: 'handoff.status', value: { state: 'maybe' } })).toBeUndefined();
    expect(readHandoffStatus({ type: 'event', name: 'handoff.status', value: 'not json' })).toBeUndefined();
  });
});
