import { ComponentDialog, DialogTurnResult, FoundChoice, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { escapeMarkdown } from '../src/content/render';
import type { PromptKey } from '../src/content/promptKeys';
import { newReference } from '../src/util/reference';
import { areaOf } from './areaOf';
import { isSkip } from './commands';
import { CHOICE_PROMPT, EMAIL_PROMPT, HANDOFF_DIALOG, PHONE_PROMPT, TEXT_PROMPT } from './ids';
import { choicePrompt, skippableTextPrompt, createChoicePrompt } from './prompting';
import { bullets, markdown } from './replies';
import type { DialogServices, HandoffDraft, HandoffReason } from './services';

export interface HandoffOptions {
  reason?: HandoffReason;
}

interface StepValues {
  reason: HandoffReason;
  consentAt?: string;
  method?: 'phone' | 'email';
  draft: Pick<HandoffDraft, 'summary' | 'contact'>;
}
const valuesOf = (step: WaterfallStepContext) => step.values as StepValues;

const WATERFALL = 'handoffWaterfall';
const MAX_ANSWER = 500;
const UK_PHONE = /^(?:\+44\s?|0)(?:\d\s?){9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The text questions, in order: which summary field each fills and which sentence asks it. */
const TEXT_QUESTIONS: Array<{ field: keyof HandoffDraft['summary']; key: PromptKey }> = [
  { field: 'contactTime', key: 'handoff.ask-time' },
  { field: 'childAge', key: 'handoff.ask-age' },
];
const LATER_QUESTIONS: Array<{ field: keyof HandoffDraft['summary']; key: PromptKey }> = [
  { field: 'areaOfNeed', key: 'handoff.ask-need' },
  { field: 'stepsTaken', key: 'handoff.ask-steps' },
  { field: 'wants', key: 'handoff.ask-wants' },
];

/**
 * Hands the parent to an adviser of their area's service. Asks consent first and shares nothing
 * without it; every question after that can be skipped; the summary is confirmed before sending,
 * and the parent is told only once the request is safely stored.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(HANDOFF_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE_PROMPT));
    this.addDialog(new TextPrompt(TEXT_PROMPT));
    this.addDialog(new TextPrompt(PHONE_PROMPT, async (p: PromptValidatorContext<string>) => this.validContact(p, UK_PHONE)));
    this.addDialog(new TextPrompt(EMAIL_PROMPT, async (p: PromptValidatorContext<string>) => this.validContact(p, EMAIL)));
    const ask = (q: { field: keyof HandoffDraft['summary']; key: PromptKey }) => [this.askTextStep(q.key), this.saveTextStep(q.field)];
    this.addDialog(
      new WaterfallDialog(WATERFALL, [
        this.consentStep.bind(this),
        this.consentResultStep.bind(this),
        this.contactMethodStep.bind(this),
        this.contactDetailStep.bind(this),
        ...TEXT_QUESTIONS.flatMap(ask),
        this.schoolTypeStep.bind(this),
        this.saveSchoolTypeStep.bind(this),
        ...LATER_QUESTIONS.flatMap(ask),
        this.confirmStep.bind(this),
        this.submitStep.bind(this),
      ]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async validContact(p: PromptValidatorContext<string>, pattern: RegExp): Promise<boolean> {
    const text = (p.recognized.value ?? '').trim();
    return isSkip(text) || pattern.test(text.replace(/[()-]/g, ''));
  }

  private async say(step: WaterfallStepContext, key: PromptKey, vars: Record<string, string> = {}): Promise<string> {
    return this.services.knowledge.prompt(key, await areaOf(step.context, this.services), vars);
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as HandoffOptions;
    Object.assign(step.values, { reason: options.reason ?? 'asked', draft: { summary: {}, contact: {} } } satisfies StepValues);
    const text = (options.reason === 'crisis' ? `${await this.say(step, 'crisis.offer-person')}\n\n` : '') + (await this.say(step, 'handoff.consent'));
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, text, [await this.say(step, 'handoff.consent-yes'), await this.say(step, 'handoff.consent-no')]));
  }

  private async consentResultStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).index !== 0) {
      await step.context.sendActivity(await this.say(step, 'handoff.declined'));
      return step.endDialog({ sent: false });
    }
    valuesOf(step).consentAt = (this.services.now?.() ?? new Date()).toISOString();
    return step.prompt(
      CHOICE_PROMPT,
      choicePrompt(step.context, await this.say(step, 'handoff.ask-contact-method'), [
        await this.say(step, 'handoff.contact-phone'),
        await this.say(step, 'handoff.contact-email'),
        await this.say(step, 'common.skip'),
      ]),
    );
  }

  private async contactMethodStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = (step.result as FoundChoice).index;
    const skip = await this.say(step, 'common.skip');
    if (index === 0) {
      valuesOf(step).method = 'phone';
      return step.prompt(PHONE_PROMPT, skippableTextPrompt(step.context, await this.say(step, 'handoff.ask-phone'), skip, await this.say(step, 'handoff.bad-phone')));
    }
    if (index === 1) {
      valuesOf(step).method = 'email';
      return step.prompt(EMAIL_PROMPT, skippableTextPrompt(step.context, await this.say(step, 'handoff.ask-email'), skip, await this.say(step, 'handoff.bad-email')));
    }
    return step.next(undefined);
  }

  private async contactDetailStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const text = typeof step.result === 'string' ? step.result.trim() : '';
    if (text && !isSkip(text) && values.method) {
      values.draft.contact[values.method] = text.slice(0, 200);
      values.draft.summary.preferredContact = values.method;
    }
    return step.next(undefined);
  }

  private askTextStep(key: PromptKey) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> =>
      step.prompt(TEXT_PROMPT, skippableTextPrompt(step.context, await this.say(step, key), await this.say(step, 'common.skip')));
  }

  private saveTextStep(field: keyof HandoffDraft['summary']) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      const text = typeof step.result === 'string' ? step.result.trim() : '';
      if (text && !isSkip(text)) (valuesOf(step).draft.summary as Record<string, string>)[field] = text.slice(0, MAX_ANSWER);
      return step.next(undefined);
    };
  }

  private async schoolTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choices = await Promise.all((['handoff.school-primary', 'handoff.school-secondary', 'handoff.school-other', 'common.skip'] as const).map((k) => this.say(step, k)));
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, await this.say(step, 'handoff.ask-school'), choices));
  }

  private async saveSchoolTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const found = step.result as FoundChoice;
    if (found.index < 3) valuesOf(step).draft.summary.schoolType = found.value;
    return step.next(undefined);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { draft } = valuesOf(step);
    const notGiven = await this.say(step, 'handoff.not-given');
    const show = (v: string | undefined) => (v ? escapeMarkdown(v) : `_${notGiven}_`);
    const lines = [
      `Contact: ${show(draft.contact.phone ?? draft.contact.email)}`,
      `Best time: ${show(draft.summary.contactTime)}`,
      `Child's age or year: ${show(draft.summary.childAge)}`,
      `School: ${show(draft.summary.schoolType)}`,
      `Needs: ${show(draft.summary.areaOfNeed)}`,
      `What has happened so far: ${show(draft.summary.stepsTaken)}`,
      `Help wanted: ${show(draft.summary.wants)}`,
    ];
    await step.context.sendActivity(markdown(`${await this.say(step, 'handoff.confirm')}\n\n${bullets(lines)}`));
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, await this.say(step, 'handoff.confirm-send'), [await this.say(step, 'handoff.confirm-send'), await this.say(step, 'handoff.confirm-cancel')]));
  }

  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).index !== 0) {
      await step.context.sendActivity(await this.say(step, 'handoff.cancelled'));
      return step.endDialog({ sent: false });
    }
    const values = valuesOf(step);
    const area = await areaOf(step.context, this.services);
    const service = this.services.knowledge.area(area).service.name;
    const draft: HandoffDraft = {
      reason: values.reason,
      area,
      consent: { agreed: true, at: values.consentAt ?? new Date().toISOString(), sharedWith: service, scope: ['summary', 'contact', 'transcript'] },
      summary: values.draft.summary,
      contact: values.draft.contact,
    };
    try {
      const { id, reference } = await this.services.handoff.submit(step.context, draft);
      const conversation = await this.services.accessors.conversation.get(step.context, {});
      conversation.lastHandoff = { id, reference };
      const open = this.services.knowledge.isServiceOpen(area, this.services.now?.() ?? new Date());
      const key: PromptKey = open === undefined ? 'handoff.sent-unknown-hours' : open ? 'handoff.sent-open' : 'handoff.sent-closed';
      await step.context.sendActivity(await this.say(step, key, { reference }));
      return step.endDialog({ sent: true, reference });
    } catch (err) {
      const code = newReference();
      this.services.logger.error({ reference: code, err: { name: (err as Error).name, message: (err as Error).message } }, 'hand-off could not be saved');
      await step.context.sendActivity(await this.say(step, 'handoff.failed', { code }));
      return step.endDialog({ sent: false });
    }
  }
}
