import { Attachment } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, FoundChoice, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { areaOf } from './areaOf';
import { isSkip } from './commands';
import { CHOICE_PROMPT, LETTER_DIALOG, TEXT_PROMPT } from './ids';
import { choicePrompt, skippableTextPrompt, createChoicePrompt } from './prompting';
import { markdown } from './replies';
import type { DialogServices } from './services';

export interface LetterOptions {
  letterId?: string;
  index?: number;
  answers?: Record<string, string | undefined>;
}

const WATERFALL = 'letterWaterfall';
const MAX_ANSWER = 1000;

interface StepValues {
  letterId?: string;
}
const valuesOf = (step: WaterfallStepContext) => step.values as StepValues;

/**
 * Drafts a letter from a template: asks only the questions the letter needs, each skippable, and
 * returns the letter as text to copy (and as a file on Web Chat), clearly marked as a draft.
 */
export class LetterDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(LETTER_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE_PROMPT));
    this.addDialog(new TextPrompt(TEXT_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.chooseLetterStep.bind(this), this.askQuestionStep.bind(this), this.collectAnswerStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async chooseLetterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as LetterOptions;
    const k = this.services.knowledge;
    if (options.letterId && k.letter(options.letterId)) return step.next(options.letterId);
    const area = await areaOf(step.context, this.services);
    const letters = k.letters();
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, k.prompt('letter.ask-which', area), letters.map((l) => l.title)));
  }

  private async askQuestionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const options = (step.options ?? {}) as LetterOptions;
    const letterId = typeof step.result === 'string' ? step.result : k.letters()[(step.result as FoundChoice).index]?.id;
    const letter = letterId ? k.letter(letterId) : undefined;
    if (!letter) return step.endDialog();
    valuesOf(step).letterId = letter.id;
    const index = options.index ?? 0;
    const area = await areaOf(step.context, this.services);
    if (index === 0) await step.context.sendActivity(k.prompt('letter.intro', area));
    const question = letter.questions[index];
    if (!question) return step.next(undefined);
    return step.prompt(TEXT_PROMPT, skippableTextPrompt(step.context, question.ask, k.prompt('common.skip', area)));
  }

  private async collectAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const options = (step.options ?? {}) as LetterOptions;
    const letter = k.letter(valuesOf(step).letterId ?? '');
    if (!letter) return step.endDialog();
    const index = options.index ?? 0;
    const answers = { ...(options.answers ?? {}) };
    const question = letter.questions[index];
    if (question) {
      const text = typeof step.result === 'string' ? step.result.trim() : '';
      answers[question.key] = text && !isSkip(text) ? text.slice(0, MAX_ANSWER) : undefined;
      if (index + 1 < letter.questions.length) return step.replaceDialog(LETTER_DIALOG, { letterId: letter.id, index: index + 1, answers });
    }
    const area = await areaOf(step.context, this.services);
    const body = k.renderLetter(letter, answers, area);
    await step.context.sendActivity(k.prompt('letter.ready', area));
    const reply = markdown(k.renderLetter(letter, answers, area, { markdown: true }).replace(/\n/g, '  \n'));
    if (step.context.activity.channelId === 'directline' || step.context.activity.channelId === 'webchat' || step.context.activity.channelId === 'emulator') {
      const file: Attachment = {
        contentType: 'text/plain',
        name: k.prompt('letter.file-name', area, { letter: letter.id }),
        contentUrl: `data:text/plain;charset=utf-8;base64,${Buffer.from(body, 'utf8').toString('base64')}`,
      };
      reply.attachments = [file];
    }
    await step.context.sendActivity(reply);
    return step.endDialog({ letterId: letter.id });
  }
}
