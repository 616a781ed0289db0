import { Activity, ActionTypes, CardAction, CardFactory, MessageFactory, TurnContext } from 'botbuilder';

/** A button: either sends its title back as text, or carries a value the router acts on. */
export interface Button {
  title: string;
  value?: ButtonValue;
}

export type ButtonValue =
  | { action: 'topic'; id: string }
  | { action: 'more'; id: string }
  | { action: 'rights'; id: string }
  | { action: 'feedback'; id: string; helpful: boolean }
  | { action: 'clarify-none' }
  | { action: 'person' }
  | { action: 'concern' }
  | { action: 'delete-data' };

/** Teams shows at most three suggested actions; beyond that the buttons go on a card. */
const TEAMS_MAX_SUGGESTED = 3;

const toCardAction = (b: Button): CardAction =>
  b.value
    ? { type: ActionTypes.MessageBack, title: b.title, text: b.title, displayText: b.title, value: b.value }
    : { type: ActionTypes.ImBack, title: b.title, value: b.title };

/** A Markdown message with buttons shaped for the channel: suggested actions, or a card on Teams. */
export function messageWithButtons(context: TurnContext, text: string, buttons: Button[]): Partial<Activity> {
  const actions = buttons.map(toCardAction);
  if (context.activity.channelId === 'msteams' && actions.length > TEAMS_MAX_SUGGESTED) {
    const card = CardFactory.heroCard('', undefined, actions);
    const activity = MessageFactory.attachment(card, text);
    activity.textFormat = 'markdown';
    return activity;
  }
  const activity = MessageFactory.text(text);
  activity.textFormat = 'markdown';
  if (actions.length) activity.suggestedActions = { actions, to: [] };
  return activity;
}

export function markdown(text: string): Partial<Activity> {
  const activity = MessageFactory.text(text);
  activity.textFormat = 'markdown';
  return activity;
}

/** Reads a button's value from an incoming activity, if it carries one of ours. */
export function buttonValue(activity: Activity): ButtonValue | undefined {
  const v = activity.value as { action?: unknown } | undefined;
  if (!v || typeof v !== 'object' || typeof v.action !== 'string') return undefined;
  const known = ['topic', 'more', 'rights', 'feedback', 'clarify-none', 'person', 'concern', 'delete-data'];
  if (!known.includes(v.action)) return undefined;
  const withId = v as { id?: unknown };
  if (['topic', 'more', 'rights', 'feedback'].includes(v.action) && (typeof withId.id !== 'string' || !/^[a-z0-9-]{1,60}$/.test(withId.id))) return undefined;
  return v as ButtonValue;
}

/** Bullet list in Markdown. */
export const bullets = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
