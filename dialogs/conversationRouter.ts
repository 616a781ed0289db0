import { Activity, TurnContext } from 'botbuilder';
import { DialogContext, DialogSet, DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import type { StatePropertyAccessor } from 'botbuilder';
import { checkForCrisis } from '../src/safety/crisisCheck';
import type { AnswerView } from '../src/knowledge/knowledge';
import { CONCERN_ENTRY_TOPICS } from '../src/knowledge/knowledge';
import { MAX_TEXT_LENGTH } from '../src/http/activitySchema';
import { areaOf } from './areaOf';
import { recogniseCommand } from './commands';
import { ConcernDialog } from './concernDialog';
import { DeleteDataDialog } from './deleteDataDialog';
import { HandoffDialog } from './handoffDialog';
import { CHOICE_PROMPT, CONCERN_DIALOG, DELETE_DATA_DIALOG, HANDOFF_DIALOG, LETTER_DIALOG, RIGHTS_DIALOG } from './ids';
import { LetterDialog } from './letterDialog';
import { Button, buttonValue, ButtonValue, markdown, messageWithButtons } from './replies';
import { RightsDialog } from './rightsDialog';
import type { DialogServices } from './services';
import type { ConversationData } from './state';

/** Which letter a request names, if it names one ("a letter to the SENCO"). */
export function guessLetter(text: string): string | undefined {
  const t = text.toLowerCase();
  if (/\b(council|local authority|\bla\b|ehc|assessment|ehcp|needs assessment)/.test(t)) return 'la-ehc-assessment';
  if (/\b(head ?teacher|head|principal)\b/.test(t)) return 'head-concerns';
  if (/\b(senco|sendco|senc?o)\b/.test(t)) return 'senco-meeting';
  return undefined;
}

/** A typed reply to an answer's buttons: "tell me more", or yes/no to "did that help?". */
export function typedFollowUp(text: string): 'more' | 'yes' | 'no' | undefined {
  const t = text.toLowerCase().replace(/[^a-z' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (/^(tell me more|more|more please|more info|more information|go on|more detail|more details|explain more|tell me more please)$/.test(t)) return 'more';
  if (/^(yes|yeah|yep|yes thanks|yes thank you|it did|that helped|that helps|helpful|very helpful|thanks that helped|yes it did|yes it helped)$/.test(t)) return 'yes';
  if (/^(no|nope|not really|no it didn'?t|it didn'?t|didn'?t help|that didn'?t help|not helpful|no not really)$/.test(t)) return 'no';
  return undefined;
}

/**
 * A message that only asks what to do next ("what can I do?", "what now", "what are my options").
 *
 * @example asksWhatNext('so what can i do about it?') // true
 */
export function asksWhatNext(text: string): boolean {
  const t = text.toLowerCase().replace(/[^a-z' ]+/g, ' ').replace(/'/g, '').replace(/\s+/g, ' ').trim();
  const lead = '(?:(?:so|ok|okay|right|and|but|well|then|hmm) )*';
  const what = '(?:what|wat|wot|wht)';
  return (
    new RegExp(`^${lead}${what} (?:can|should|do|could|shall|would) (?:i|we) do(?: (?:now|next|then|about (?:it|this|that|him|her)))?(?: then| now)?$`).test(t) ||
    new RegExp(`^${lead}${what} (?:now|next|are my options|are our options|options do i have|options have i got|happens next|is the next step|do i do now|do we do now)$`).test(t) ||
    new RegExp(`^${lead}${what}s (?:next|the next step)$`).test(t) ||
    /^(?:any|what) (?:advice|ideas|suggestions)$/.test(t)
  );
}

/** The prompt a parent is answering right now, however deep the component dialogs nest. */
function innermostDialog(dc: DialogContext): { id: string; state?: Record<string, unknown> } | undefined {
  let instance = dc.activeDialog as { id: string; state?: Record<string, unknown> } | undefined;
  for (let depth = 0; depth < 10 && instance; depth++) {
    // botbuilder keeps the active dialog last on each stack.
    const stack = (instance.state?.dialogs as { dialogStack?: Array<{ id: string; state?: Record<string, unknown> }> } | undefined)?.dialogStack;
    const inner = stack?.[stack.length - 1];
    if (!inner) return instance;
    instance = inner;
  }
  return instance;
}

/** Below this confidence for the best in-scope topic, a message is treated as off-topic. */
const OUT_OF_SCOPE_BELOW = 0.3;

/** Messages longer than this are cut before matching; the parent is told. */
const MATCH_TEXT_LIMIT = 2000;

/**
 * Decides what happens with each message, in a fixed order: the safeguarding check first, then the
 * commands that work anywhere, then any dialog in progress, then buttons, then the matcher.
 */
/**
 * botbuilder-dialogs keeps this turn-state key for the memory scopes and path resolvers a
 * DialogStateManager needs. It rebuilds them for every turn (a service collection, zod checks on each
 * registered component), a twentieth of a turn's CPU under load, though they are stateless objects
 * that read everything from the dialog context they are given. So the first turn's set is kept and
 * handed to every later turn (the SDK itself shares one set between all dialog contexts of a turn).
 */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';
let dialogStateConfiguration: DialogStateManagerConfiguration | undefined;

export class ConversationRouter {
  private readonly dialogs: DialogSet;

  constructor(private readonly services: DialogServices, dialogState: StatePropertyAccessor<DialogState>) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs
      .add(new RightsDialog(services))
      .add(new ConcernDialog(services))
      .add(new LetterDialog(services))
      .add(new HandoffDialog(services))
      .add(new DeleteDataDialog(services));
  }

  /** Sends the welcome: what the bot does, that it is information not legal advice, privacy, a person. */
  async welcome(context: TurnContext): Promise<void> {
    const data = await this.services.accessors.conversation.get(context, {});
    if (data.welcomed) return;
    data.welcomed = true;
    const k = this.services.knowledge;
    const area = await areaOf(context, this.services);
    await context.sendActivity(
      messageWithButtons(context, k.prompt('welcome.text', area), [
        { title: k.prompt('welcome.buttons-what-is', area), value: { action: 'topic', id: 'what-is-sen-support' } },
        { title: k.prompt('welcome.buttons-worried', area), value: { action: 'concern' } },
        { title: k.prompt('welcome.buttons-person', area), value: { action: 'person' } },
      ]),
    );
  }

  async onMessage(context: TurnContext): Promise<void> {
    if (dialogStateConfiguration && !context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION)) {
      context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, dialogStateConfiguration);
    }
    const dc = await this.dialogs.createContext(context);
    dialogStateConfiguration ??= dc.state.configuration;
    const k = this.services.knowledge;
    const activity = context.activity;
    const rawText = typeof activity.text === 'string' ? activity.text : '';
    const text = rawText.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);
    const value = buttonValue(activity as Activity);
    let area = await areaOf(context, this.services);

    // 1. Safety before anything else, whatever dialog is running.
    const check = text ? checkForCrisis(text) : { crisis: false };
    const crisis = check.crisis;

    // While an adviser is on the conversation, the parent is talking to them, not to the bot.
    if (text && (await this.services.relay?.isRelaying(context))) {
      if (crisis) await this.sendSignposting(context, area);
      await this.services.relay!.forwardToAdviser(context, text);
      return;
    }
    if (crisis) {
      // Only the learned layer fired and the message is plainly a question we answer ("how will his
      // wishes be taken into account?"): signpost first, then still answer it, rather than drop the
      // question for a hand-off offer. Any rule hit, or no confident answer, gets the full crisis flow.
      if (check.category !== 'possible-risk' || this.services.knowledge.classify(text).decision !== 'answer') return this.crisis(dc, area);
      await this.sendSignposting(context, area);
      this.services.logger.warn({ event: 'crisis-signposted', area, layer: 'model' }, 'crisis signposting sent before answering');
    }

    // 2. Nothing we can read.
    if (!text && !value) {
      await context.sendActivity(k.prompt('odd.empty', area));
      if (dc.activeDialog) await dc.repromptDialog();
      return;
    }

    // 3. Commands that work at every prompt.
    const command = text ? recogniseCommand(text) : undefined;
    const data = await this.services.accessors.conversation.get(context, {});
    if (command === 'restart') {
      await dc.cancelAllDialogs();
      data.failedAttempts = 0;
      data.lastTopic = undefined;
      await context.sendActivity(k.prompt('common.restarted', area));
      return;
    }
    if (command === 'cancel') {
      await dc.cancelAllDialogs();
      await context.sendActivity(k.prompt('common.cancelled', area));
      return;
    }
    if (command === 'help') {
      await context.sendActivity(markdown(k.prompt('common.help', area)));
      if (dc.activeDialog) {
        await context.sendActivity(k.prompt('common.reprompt-after-help', area));
        await dc.repromptDialog();
      }
      return;
    }
    if (command === 'person' || value?.action === 'person') {
      await dc.cancelAllDialogs();
      await dc.beginDialog(HANDOFF_DIALOG, { reason: 'asked' });
      return;
    }
    if (command === 'cancel-handoff') {
      await dc.cancelAllDialogs();
      const sent = data.lastHandoff;
      if (!sent) {
        await context.sendActivity(k.prompt('handoff.cancel-none', area));
        return;
      }
      const result = await this.services.handoff.cancel(sent.id);
      data.lastHandoff = undefined;
      await context.sendActivity(k.prompt(result.alreadyDelivered ? 'handoff.cancel-after-delivery' : 'handoff.cancel-done', area, { reference: sent.reference }));
      return;
    }
    if (command === 'delete-data' || value?.action === 'delete-data') {
      await dc.cancelAllDialogs();
      await dc.beginDialog(DELETE_DATA_DIALOG);
      return;
    }

    // 4. Where the parent lives, said at any time outside a prompt ("I live in Kent"), or instead of
    // tapping a button (a free-text question could be answered with a place, so not there).
    const atChoice = innermostDialog(dc)?.id === CHOICE_PROMPT;
    const found = text && (!dc.activeDialog || atChoice) ? k.detectArea(text) : undefined;
    const statement = found && (!dc.activeDialog || found.onlyArea) ? found : undefined;
    if (statement) {
      const profile = await this.services.accessors.profile.get(context, {});
      profile.area = statement.areaId;
      profile.areaConfirmed = true;
      area = statement.areaId;
      const pack = k.area(area);
      await context.sendActivity(statement.areaId === 'other' ? k.prompt('area.other', area) : k.prompt('area.changed', area, { area: pack.name }));
      if (statement.onlyArea) {
        if (dc.activeDialog) await dc.repromptDialog();
        else if (data.lastTopic && k.answer(data.lastTopic, area)?.dependsOnArea) await this.sendAnswer(context, data.lastTopic, area, data);
        return;
      }
    }

    // 5. A dialog in progress gets the message, unless the parent has clearly moved on to a new
    // question at a multiple-choice prompt (typing a question instead of tapping a choice).
    if (dc.activeDialog && !value) {
      if (!this.changedSubject(dc, text)) {
        await dc.continueDialog();
        return;
      }
      await dc.cancelAllDialogs();
    }
    if (dc.activeDialog && value) await dc.cancelAllDialogs();

    // Typed replies to the last answer's buttons ("tell me more", "yes it helped").
    const typed = !value ? typedFollowUp(text) : undefined;
    if (typed === 'more' && data.lastTopic) return this.onButton(dc, { action: 'more', id: data.lastTopic }, area, data);
    if (typed && typed !== 'more' && data.awaitingFeedback && data.lastTopic) {
      data.awaitingFeedback = false;
      return this.onButton(dc, { action: 'feedback', id: data.lastTopic, helpful: typed === 'yes' }, area, data);
    }
    data.awaitingFeedback = false;
    // A bare "yes" or "no" with nothing open to answer: not a question to match to a topic.
    if (typed === 'yes' || typed === 'no') {
      await context.sendActivity(k.prompt(typed === 'yes' ? 'odd.bare-yes' : 'odd.bare-no', area));
      return;
    }
    // "What can I do?" straight after an answer means "what next?": walk through the next steps.
    if (!value && data.lastTopic && asksWhatNext(text)) {
      await dc.beginDialog(CONCERN_DIALOG, {});
      return;
    }

    // 6. Buttons from earlier answers.
    if (value) return this.onButton(dc, value, area, data);

    // 7. Understand the question.
    if (rawText.length > MATCH_TEXT_LIMIT) await context.sendActivity(k.prompt('odd.too-long', area));
    const query = text.slice(0, MATCH_TEXT_LIMIT);
    const term = k.explainTerm(query, true);
    if (term) return this.sendGlossary(context, term.id, area, data);
    const result = k.classify(query);
    if (result.intent === 'safeguarding-crisis') return this.crisis(dc, area);
    if (result.decision === 'answer' && result.intent) return this.onIntent(dc, result.intent, area, data);
    const loose = k.explainTerm(query, false);
    if (loose) return this.sendGlossary(context, loose.id, area, data);
    if (result.decision === 'clarify' && result.alternatives.length >= 2) {
      const buttons: Button[] = result.alternatives.slice(0, 3).map((a) => ({ title: k.topicTitle(a.intent, area), value: { action: 'topic', id: a.intent } }));
      buttons.push({ title: k.prompt('clarify.none', area), value: { action: 'clarify-none' } });
      await context.sendActivity(messageWithButtons(context, k.prompt('clarify.ask', area), buttons));
      return;
    }
    // Nothing in scope came close: say plainly what the bot is for, rather than asking to rephrase.
    const outOfScope = result.confidence < OUT_OF_SCOPE_BELOW;
    return this.fallback(dc, area, data, outOfScope ? [] : result.alternatives.map((a) => a.intent), outOfScope);
  }

  /**
   * At a multiple-choice prompt, a message that is none of the choices but a confident question on
   * another topic means the parent has moved on; free-text prompts (letter, hand-off) keep their answer.
   */
  private changedSubject(dc: DialogContext, text: string): boolean {
    const prompt = innermostDialog(dc);
    if (!prompt || prompt.id !== CHOICE_PROMPT) return false;
    const choices = ((prompt.state?.options as { choices?: Array<{ value: string } | string> } | undefined)?.choices ?? []).map((c) => (typeof c === 'string' ? c : c.value).toLowerCase());
    const t = text.toLowerCase().trim();
    if (choices.includes(t) || /^\d{1,2}$/.test(t) || t.split(/\s+/).length < 4) return false;
    const result = this.services.knowledge.classify(text);
    return result.decision === 'answer' && result.confidence >= 0.9 && result.intent !== null && this.services.knowledge.hasTopic(result.intent);
  }

  /** The emergency signposting (999 and helplines), in full. */
  private async sendSignposting(context: TurnContext, area: string): Promise<void> {
    const crisis = this.services.knowledge.answer('safeguarding-crisis', area);
    if (crisis) await context.sendActivity(markdown(`${crisis.text}\n\n${crisis.more}`));
  }

  private async crisis(dc: DialogContext, area: string): Promise<void> {
    await dc.cancelAllDialogs();
    await this.sendSignposting(dc.context, area);
    this.services.logger.warn({ event: 'crisis-signposted', area }, 'crisis signposting sent');
    await dc.beginDialog(HANDOFF_DIALOG, { reason: 'crisis' });
  }

  private async onButton(dc: DialogContext, value: ButtonValue, area: string, data: ConversationData): Promise<void> {
    const k = this.services.knowledge;
    switch (value.action) {
      case 'topic':
        return this.onIntent(dc, value.id, area, data);
      case 'more': {
        const answer = k.answer(value.id, area);
        if (!answer) return this.fallback(dc, area, data, []);
        await dc.context.sendActivity(this.answerMessage(dc.context, answer, answer.more, area, false));
        return;
      }
      case 'rights':
        await dc.beginDialog(RIGHTS_DIALOG, { topicId: value.id });
        return;
      case 'concern':
        await dc.beginDialog(CONCERN_DIALOG, {});
        return;
      case 'feedback':
        if (value.helpful) {
          await dc.context.sendActivity(k.prompt('answer.feedback-thanks', area));
        } else {
          // For content editors: which answers did not help. No message text, no personal data.
          this.services.logger.info({ event: 'unanswered', topic: value.id, area }, 'parent said an answer did not help');
          await dc.context.sendActivity(messageWithButtons(dc.context, k.prompt('answer.feedback-sorry', area), [{ title: k.prompt('common.person', area), value: { action: 'person' } }]));
        }
        return;
      case 'clarify-none':
        return this.fallback(dc, area, data, []);
      default:
        return;
    }
  }

  private async onIntent(dc: DialogContext, intent: string, area: string, data: ConversationData): Promise<void> {
    const k = this.services.knowledge;
    const context = dc.context;
    data.failedAttempts = 0;
    switch (intent) {
      case 'safeguarding-crisis':
        return this.crisis(dc, area);
      case 'talk-to-adviser': {
        const answer = k.answer(intent, area);
        if (answer) await context.sendActivity(markdown(answer.text));
        await dc.beginDialog(HANDOFF_DIALOG, { reason: 'asked' });
        return;
      }
      case 'draft-letter':
        await dc.beginDialog(LETTER_DIALOG, { letterId: guessLetter(context.activity.text ?? '') });
        return;
      case 'restart':
        await context.sendActivity(k.prompt('common.restarted', area));
        return;
      case 'help':
        await context.sendActivity(markdown(k.prompt('common.help', area)));
        return;
      case 'greeting': {
        data.welcomed = false;
        return this.welcome(context);
      }
      case 'privacy': {
        const answer = k.answer(intent, area);
        if (answer) await context.sendActivity(messageWithButtons(context, `${answer.text}\n\n${answer.more}`, [{ title: 'Delete my data', value: { action: 'delete-data' } }]));
        return;
      }
      default:
        break;
    }
    await this.sendAnswer(context, intent, area, data);
    if ((CONCERN_ENTRY_TOPICS as readonly string[]).includes(intent)) await dc.beginDialog(CONCERN_DIALOG, {});
  }

  private async sendAnswer(context: TurnContext, topicId: string, area: string, data: ConversationData): Promise<void> {
    const k = this.services.knowledge;
    const answer = k.answer(topicId, area);
    if (!answer) return this.fallbackMessage(context, area);
    data.lastTopic = topicId;
    if (answer.kind === 'conversation' || answer.kind === 'action') {
      await context.sendActivity(markdown(answer.text));
      return;
    }
    const profile = await this.services.accessors.profile.get(context, {});
    // Say once per conversation which area the answer used, until the parent tells us theirs.
    const areaNote = answer.dependsOnArea && !profile.areaConfirmed && !data.areaNoteShown ? k.prompt('answer.area-note', area, { area: k.area(area).name }) : undefined;
    if (areaNote) data.areaNoteShown = true;
    const body = areaNote ? `${answer.text}\n\n_${areaNote}_` : answer.text;
    await context.sendActivity(this.answerMessage(context, answer, body, area, true));
    data.awaitingFeedback = true;
  }

  /** An answer with its sources and the follow-up buttons (more, rights, related, did it help). */
  private answerMessage(context: TurnContext, answer: AnswerView, body: string, area: string, offerMore: boolean): Partial<Activity> {
    const k = this.services.knowledge;
    const sources = answer.sources.length ? `\n\n_${k.prompt('answer.sources', area, { sources: answer.sources.join('; ') })}_` : '';
    const buttons: Button[] = [];
    if (offerMore && answer.more) buttons.push({ title: k.prompt('answer.more-button', area), value: { action: 'more', id: answer.topicId } });
    if (answer.rights) buttons.push({ title: k.prompt('answer.rights-button', area), value: { action: 'rights', id: answer.topicId } });
    for (const r of answer.related.slice(0, offerMore ? 2 : 3)) buttons.push({ title: r.title, value: { action: 'topic', id: r.id } });
    buttons.push({ title: k.prompt('answer.helpful-yes', area), value: { action: 'feedback', id: answer.topicId, helpful: true } });
    buttons.push({ title: k.prompt('answer.helpful-no', area), value: { action: 'feedback', id: answer.topicId, helpful: false } });
    return messageWithButtons(context, `${body}${sources}`, buttons);
  }

  private async sendGlossary(context: TurnContext, termId: string, area: string, data: ConversationData): Promise<void> {
    const k = this.services.knowledge;
    const entry = k.content.glossary.find((g) => g.id === termId);
    if (!entry) return;
    data.failedAttempts = 0;
    const buttons: Button[] = entry.related && k.hasTopic(entry.related) ? [{ title: k.prompt('answer.more-button', area), value: { action: 'topic', id: entry.related } }] : [];
    await context.sendActivity(messageWithButtons(context, k.glossaryText(entry, area), buttons));
  }

  private async fallbackMessage(context: TurnContext, area: string): Promise<void> {
    await context.sendActivity(markdown(this.services.knowledge.prompt('fallback.first', area)));
  }

  /** First miss: say so kindly and suggest near topics; second miss in a row: offer a person. */
  private async fallback(dc: DialogContext, area: string, data: ConversationData, near: string[], outOfScope = false): Promise<void> {
    const k = this.services.knowledge;
    data.failedAttempts = (data.failedAttempts ?? 0) + 1;
    this.services.logger.info({ event: 'fallback', attempt: data.failedAttempts, area }, 'no answer found');
    if (data.failedAttempts >= 2) {
      data.failedAttempts = 0;
      await dc.context.sendActivity(markdown(k.prompt('fallback.second', area)));
      await dc.beginDialog(HANDOFF_DIALOG, { reason: 'second-fallback' });
      return;
    }
    const suggestions: Button[] = near
      .filter((id) => k.hasTopic(id) && !['greeting', 'thanks', 'goodbye', 'help', 'restart'].includes(id))
      .slice(0, 2)
      .map((id) => ({ title: k.topicTitle(id, area), value: { action: 'topic', id } }));
    const first = outOfScope ? k.prompt('fallback.out-of-scope', area) : k.prompt('fallback.first', area);
    const text = suggestions.length ? `${first}\n\n${k.prompt('fallback.suggest', area)}` : first;
    await dc.context.sendActivity(messageWithButtons(dc.context, text, [...suggestions, { title: k.prompt('common.person', area), value: { action: 'person' } }]));
  }
}
